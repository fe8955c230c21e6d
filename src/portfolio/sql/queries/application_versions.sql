-- Every stored version of one application, oldest first, with the import that brought it.
select v.*, l.file_name, l.imported_by, l.imported_at
from application_version v
left join import_log l on l.id = v.import_id
where v.id = $id
order by v.version
