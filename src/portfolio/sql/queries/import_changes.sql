-- What one import added, changed and removed, in the order it logged them.
select entity, entity_id, action, detail
from audit_log
where import_id = $id
order by id
