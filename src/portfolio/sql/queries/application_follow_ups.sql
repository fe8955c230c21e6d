-- Each outcome with its benefit's unit in the current version (benefit names are unique
-- within a version), so that 45 reads as 45 %.
-- An outcome of a benefit the current version no longer has is history: marked `earlier`,
-- as the realisation does not count it.
select f.benefit, f.date, f.actual, b.unit, f.actual_sek, f.comment, b.name is null as earlier
from follow_up f
left join application_current a on a.id = f.application_id
left join benefit b
    on b.application_id = f.application_id and b.version = a.version and b.name = f.benefit
where f.application_id = $id
order by f.benefit, f.date
