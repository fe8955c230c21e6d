-- The stored decisions of the listed applications, keyed as the Beslut sheet names them.
select application_id, decision, granted_sek, decision_date as date, decided_by, motivation
from decision
where list_contains($ids::varchar[], application_id)
