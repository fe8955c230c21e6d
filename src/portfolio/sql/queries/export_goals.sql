select g.application_id, g.text, g.indicator, g.unit, g.baseline, g.target, g.deadline,
       g.owner, g.goal_area,
       g.specific, g.measurable, g.achievable, s.relevant, g.time_bound
from goal g
join application_current a on a.id = g.application_id and a.version = g.version
left join goal_smart s on s.source = 'Ansökan' and s.ref = g.application_id
                      and s.position = g.position
where ($all or list_contains($ids::varchar[], g.application_id))
order by g.application_id, g.position
