-- The stored follow-ups of the listed applications, keyed as the Uppföljning sheet names them.
select application_id, benefit, date, actual, actual_sek, comment
from follow_up
where list_contains($ids::varchar[], application_id)
