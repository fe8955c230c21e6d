select objekt, year, name, type, goal_area, strategic_directions, goal, indicator, unit,
       target, deadline, budget_sek, status
from activity
where ($all or list_contains($names::varchar[], objekt)) and ($year is null or year = $year)
order by objekt, year, position
