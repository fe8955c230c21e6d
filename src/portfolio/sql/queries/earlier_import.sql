-- The latest import of a file with this very content (same SHA-256), if any.
select imported_at, imported_by, file_name
from import_log
where sha256 = $sha256
order by id desc
limit 1
