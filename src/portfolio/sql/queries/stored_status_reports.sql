-- The stored status reports of the listed applications, keyed as the Lägesrapport sheet names them.
select application_id, date, status, time_status as time, cost_status as cost,
       benefit_status as benefit, spent_sek, comment
from status_report
where list_contains($ids::varchar[], application_id)
