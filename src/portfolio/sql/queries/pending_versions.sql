-- The two newest versions of each given application, oldest first. Inside a dry run's
-- transaction these are the stored version and the one the workbook would add.
select * exclude (newest)
from (
    select v.*, row_number() over (partition by v.id order by v.version desc) as newest
    from application_version v
    where v.id in (select unnest($ids))
)
where newest <= 2
order by id, version
