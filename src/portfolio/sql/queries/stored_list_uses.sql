-- How many stored records name each of some values of one list, by kind of record
-- (current versions of applications only): said when a reference workbook removes a value
-- from its list. $list: administrations, goal_areas or strategic_directions.
with uses as (
    select 'administrations' as list, administration as value, 'application' as kind
    from application_current
    union all
    select 'administrations', unnest(administrations), 'objekt' from objekt
    union all
    select 'goal_areas', goal_area, 'application' from application_current
    union all
    select 'goal_areas', g.goal_area, 'goal'
    from goal g join application_current a on a.id = g.application_id and a.version = g.version
    union all
    select 'goal_areas', goal_area, 'activity' from activity
    union all
    select 'strategic_directions', unnest(strategic_directions), 'application'
    from application_current
    union all
    select 'strategic_directions', unnest(strategic_directions), 'activity' from activity
)
select value, kind, count(*) as records
from uses
where list = $list and value in (select unnest($names))
group by value, kind
order by value, kind
