select objekt, year, name, type, goal_area, strategic_directions, goal, indicator, target,
       deadline, budget_sek, status
from activity
order by objekt, year, position
