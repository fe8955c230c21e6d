select b.application_id, b.name, b.type, b.beneficiary, b.indicator, b.baseline, b.target,
       b.value_per_year_sek, b.hours_per_year, b.first_year, b.owner, b.unit
from benefit b
join application_current a on a.id = b.application_id and a.version = b.version
where ($all or list_contains($ids::varchar[], b.application_id))
order by b.application_id, b.position
