select application_id, benefit, date, actual, actual_sek, comment
from follow_up
where ($all or list_contains($ids::varchar[], application_id))
order by application_id, benefit, date
