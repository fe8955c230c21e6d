select application_id, benefit, date, actual, actual_sek, comment
from follow_up
order by application_id, benefit, date
