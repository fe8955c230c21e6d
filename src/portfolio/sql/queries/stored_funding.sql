-- Granted money as stored, for checking a workbook's decisions against the fund's budget:
-- per fund year for the applications the workbook leaves alone (id null), and per
-- application for those it lists or decides ($ids, as stored). A join, not list_contains:
-- a compilation lists thousands of ids.
with current as (
    select a.year, a.id, coalesce(a.granted_sek, 0) as granted_sek, t.id is not null as touched
    from application_current a
    left join (select distinct unnest($ids::varchar[]) as id) t on t.id = a.id
)
select year, null as id, sum(granted_sek) as granted_sek
from current
where not touched
group by year
union all
select year, id, granted_sek
from current
where touched
