select application_id, date, status, time_status, cost_status, benefit_status, spent_sek, comment
from status_report
where ($all or list_contains($ids::varchar[], application_id))
order by application_id, date
