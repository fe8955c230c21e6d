-- Every record each import added, changed or removed, newest import first and in the order
-- it logged them; changes made outside an import (the first reference lists) by their time.
select coalesce(l.imported_at, a.logged_at) as imported_at, l.file_name, a.entity,
       a.entity_id, a.action, a.detail
from audit_log a
left join import_log l on l.id = a.import_id
order by coalesce(l.imported_at, a.logged_at) desc, a.import_id desc nulls last, a.id
