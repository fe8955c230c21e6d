select date, status, time_status, cost_status, benefit_status, spent_sek, comment
from status_report where application_id = $id order by date desc
