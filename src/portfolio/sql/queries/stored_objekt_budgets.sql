-- For some objekt ($names, as stored), per year: the stored plan's budgets, and the stored
-- activities' budgets summed by type. A workbook that brings one half of an objekt's year
-- (its plan, or its activities) is compared with the other half as stored.
with named as (
    select distinct unnest($names::varchar[]) as objekt
)
select 'plan' as part, objekt, year, maintenance_sek as maintenance, development_sek as development
from object_plan
where objekt in (select objekt from named)
union all
select
    'activities',
    objekt,
    year,
    coalesce(sum(budget_sek) filter (where type = 'Förvaltning'), 0),
    coalesce(sum(budget_sek) filter (where type = 'Utveckling'), 0)
from activity
where objekt in (select objekt from named)
group by objekt, year
