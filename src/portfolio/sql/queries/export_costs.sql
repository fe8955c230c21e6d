select c.application_id, c.item, c.type, c.year, c.amount_sek
from cost c
join application_current a on a.id = c.application_id and a.version = c.version
where ($all or list_contains($ids::varchar[], c.application_id))
order by c.application_id, c.position
