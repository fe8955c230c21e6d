-- Activities that a plan's shorter list removed, counted beside added, changed and unchanged
-- so that the import log shows them; until now only the JSON summary held the count.
alter table import_log add column removed integer not null default 0;
update import_log
set removed = coalesce(try_cast(json_extract_string(summary, '$.activity.removed') as integer), 0);
