-- Every stored version of one application, oldest first, with the import that brought it
-- and how many goals, benefits and cost rows it held.
select v.*, l.file_name, l.imported_by, l.imported_at,
       (select count(*) from goal g where g.application_id = v.id and g.version = v.version)
           as goals,
       (select count(*) from benefit b where b.application_id = v.id and b.version = v.version)
           as benefits,
       (select count(*) from cost c where c.application_id = v.id and c.version = v.version)
           as costs
from application_version v
left join import_log l on l.id = v.import_id
where v.id = $id
order by v.version
