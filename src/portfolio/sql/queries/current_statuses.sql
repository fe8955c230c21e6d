-- The status the register shows for each given application (however its id is cased in a
-- workbook): its own, or, when it has none, the one that follows its decision.
select id, current_status
from application_current
where lower(id) in (select lower(unnest($ids::varchar[])))
