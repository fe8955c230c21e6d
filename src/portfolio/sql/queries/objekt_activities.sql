select name, type, goal_area, strategic_directions, goal, indicator, unit, target, deadline,
       budget_sek, status
from activity where objekt = $objekt and year = $year order by position
