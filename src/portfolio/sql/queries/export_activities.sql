-- Every activity of the chosen objekt and year (all of them: $all), with the SMART verdicts
-- of its goal (relevance as the Målkvalitet page derives it; all null without a goal).
select t.objekt, t.year, t.name, t.type, t.goal_area, t.strategic_directions, t.goal,
       t.indicator, t.unit, t.target, t.deadline, t.budget_sek, t.status,
       t.specific, t.measurable, t.achievable, s.relevant, t.time_bound
from activity t
left join goal_smart s on s.source = 'Aktivitet' and s.ref = t.objekt || ' ' || t.year
                      and s.position = t.position
where ($all or list_contains($names::varchar[], t.objekt)) and ($year is null or t.year = $year)
order by t.objekt, t.year, t.position
