-- The imports that touched one application: its versions, decision, follow-ups, reports,
-- each with how many of each kind it added, changed or removed ("follow_up added 3"), and
-- what a changed decision changed from what to what, or what a removed one was (a decision
-- is not part of a version).
with touched as (
    select import_id, entity, action, count(*) as n,
           max(detail) filter (where entity = 'decision' and action in ('changed', 'removed'))
               as decided
    from audit_log
    where entity_id = $id or starts_with(entity_id, $id || '/')  -- an id may hold _ or %
    group by all
)
select l.imported_at, l.imported_by, l.file_name, l.sha256,
       string_agg(t.entity || ' ' || t.action || ' ' || t.n, ', ' order by t.entity, t.action)
           as what,
       max(t.decided) as decision_change
from touched t
join import_log l on l.id = t.import_id
group by l.id, l.imported_at, l.imported_by, l.file_name, l.sha256
order by l.imported_at desc, l.id desc
