-- The application versions an import stored that revised an earlier version (every
-- import's when $id is null), each with the version before it: what each revision changed.
select v.*
from application_version v
where exists (
    select 1
    from application_version n
    where n.id = v.id and n.version > 1 and v.version in (n.version - 1, n.version)
      and ($id is null or n.import_id = $id)
)
order by v.id, v.version
