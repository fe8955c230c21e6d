-- The stored follow-ups and status reports of the given applications ($ids as stored), by
-- the keys their sheets name them with, and the import that stored each: what a refused
-- workbook whose sheet lacks them would remove once corrected (a stamped export's later
-- records stay, as the store keeps them).
select 'follow_ups' as kind, application_id, benefit, date, import_id
from follow_up
where application_id in (select unnest($ids::varchar[]))
union all
select 'status_reports', application_id, null, date, import_id
from status_report
where application_id in (select unnest($ids::varchar[]))
order by kind, application_id, benefit, date
