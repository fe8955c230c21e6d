select position, text, indicator, unit, baseline, target, deadline, owner, goal_area
from goal where application_id = $id and version = $version order by position
