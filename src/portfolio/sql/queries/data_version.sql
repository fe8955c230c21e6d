-- A cheap fingerprint of the stored data: changes with every import or write.
select coalesce(max(id), 0) || '-' || count(*) || '-' || coalesce(max(imported_at)::varchar, '')
       || '-' || (select coalesce(max(id), 0) from audit_log) as version
from import_log
