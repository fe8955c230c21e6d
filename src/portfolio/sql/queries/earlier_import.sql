-- The latest import of a file with this very content (same SHA-256), if any; with $up_to,
-- only imports logged before a dry run began (its own log rows are not imports).
select imported_at, imported_by, file_name
from import_log
where sha256 = $sha256 and ($up_to is null or id <= $up_to)
order by id desc
limit 1
