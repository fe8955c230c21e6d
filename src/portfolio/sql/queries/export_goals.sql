select g.application_id, g.text, g.indicator, g.unit, g.baseline, g.target, g.deadline,
       g.owner, g.goal_area
from goal g
join application_current a on a.id = g.application_id and a.version = g.version
order by g.application_id, g.position
