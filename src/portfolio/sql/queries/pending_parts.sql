-- The goals, benefits or costs (the table named by queries.pending_parts from its fixed
-- list) of the two newest versions of each given application (see pending_versions).
select p.*
from {table} p
join (
    select id, max(version) as version
    from application_version
    where id in (select unnest($ids))
    group by id
) n on p.application_id = n.id and p.version >= n.version - 1
order by p.application_id, p.version, p.position
