-- The goals, benefits or costs (the table named by queries.revised_version_parts from its
-- fixed list) of the versions revised_versions returns.
select p.*
from {table} p
where exists (
    select 1
    from application_version n
    where n.id = p.application_id and n.version > 1
      and p.version in (n.version - 1, n.version)
      and ($id is null or n.import_id = $id)
)
order by p.application_id, p.version, p.position
