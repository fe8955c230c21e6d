-- Values of the municipality's lists that stored records already carry, by year (objekt:
-- no year). A list entry the office removes later, such as the administration of a
-- reorganisation, stays valid for the records and years that used it.
select 'administrations' as list, year, administration as value from application_version
union
select 'fund_focus', year, fund_focus from application_version
union
select 'goal_areas', year, goal_area from application_version
union
select 'strategic_directions', year, unnest(strategic_directions) from application_version
union
select 'goal_areas', v.year, g.goal_area
from goal g join application_version v on v.id = g.application_id and v.version = g.version
where g.goal_area is not null
union
select 'goal_areas', year, goal_area from activity where goal_area is not null
union
select 'strategic_directions', year, unnest(strategic_directions) from activity
union
select 'administrations', null, unnest(administrations) from objekt
