-- The $count newest versions of each given application, oldest first. Inside a dry run's
-- transaction the last two are the stored version and the one the workbook would add.
select * exclude (newest)
from (
    select v.*, row_number() over (partition by v.id order by v.version desc) as newest
    from application_version v
    where v.id in (select unnest($ids))
)
where newest <= $count
order by id, version
