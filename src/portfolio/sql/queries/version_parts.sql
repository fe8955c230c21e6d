-- The goals, benefits or costs (the table named by queries.version_parts from its fixed
-- list) of each given application's versions, from $back versions before its newest on.
select p.*
from {table} p
join (
    select id, max(version) as version
    from application_version
    where id in (select unnest($ids))
    group by id
) n on p.application_id = n.id and p.version >= n.version - $back
order by p.application_id, p.version, p.position
