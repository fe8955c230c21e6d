select c.application_id, c.item, c.type, c.year, c.amount_sek
from cost c
join application_current a on a.id = c.application_id and a.version = c.version
order by c.application_id, c.position
