-- The imports that touched one application: its versions, decision, follow-ups, reports.
select l.imported_at, l.imported_by, l.file_name, l.sha256,
       string_agg(distinct a.entity || ' ' || a.action, ', ') as what
from audit_log a
join import_log l on l.id = a.import_id
where a.entity_id = $id or starts_with(a.entity_id, $id || '/')  -- an id may hold _ or %
group by l.id, l.imported_at, l.imported_by, l.file_name, l.sha256
order by l.imported_at desc, l.id desc
