-- The newest imports, each with who, which file, its SHA-256 and what it added, changed
-- and removed.
select id, imported_at, imported_by, file_name, kind, added, changed, unchanged, removed, sha256
from import_log
order by id desc
limit $limit
