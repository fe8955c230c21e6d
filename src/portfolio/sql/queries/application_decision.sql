select decision, granted_sek, decision_date, decided_by, motivation, recorded_at
from decision where application_id = $id
