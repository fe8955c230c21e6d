-- The ids a workbook carries that are stored only in another case ("ans-2026-007" for
-- "ANS-2026-007"): the workbook means the stored application, not a new one beside it.
with typed as (
    select distinct unnest($ids) as id
)
select t.id as typed, min(v.id) as stored
from typed t
join application_version v on lower(v.id) = lower(t.id)
where not exists (select 1 from application_version w where w.id = t.id)
group by t.id
