-- Benefit names of every application's current version: follow-ups must name one of them.
select b.application_id, list(b.name order by b.position) as names
from benefit b
join application_current a on a.id = b.application_id and a.version = b.version
group by b.application_id
