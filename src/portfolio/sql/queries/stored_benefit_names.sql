-- One stored application's benefit names ($id as stored): its current version's (a
-- follow-up names one) and those only earlier versions had (a follow-up of one is history,
-- kept but not counted).
select
    list(distinct b.name) filter (where b.version = c.version) as current_names,
    list(distinct b.name) filter (where b.version <> c.version) as earlier_names
from benefit b
join application_current c on c.id = b.application_id
where b.application_id = $id
