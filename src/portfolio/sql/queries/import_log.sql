-- The newest imports, each with who, which file, its SHA-256 and what it added and changed.
select imported_at, imported_by, file_name, kind, added, changed, unchanged, sha256
from import_log
order by id desc
limit $limit
