select application_id, date, status, time_status, cost_status, benefit_status, spent_sek, comment
from status_report
order by application_id, date
