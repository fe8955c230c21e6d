-- The goals of an application's current version with their SMART verdicts.
select *,
       coalesce(specific, false)::int + coalesce(measurable, false)::int
         + coalesce(achievable, false)::int + coalesce(relevant, false)::int
         + coalesce(time_bound, false)::int as score
from goal_smart
where source = 'Ansökan' and ref = $id
order by position
