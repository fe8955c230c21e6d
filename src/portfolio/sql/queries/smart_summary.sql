-- Share of fully SMART goals, and of goals passing each letter, per administration, per
-- objekt and per year ($year null = every year). Unknown verdicts do not pass.
with scored as (
    select *,
           coalesce(specific and measurable and achievable and time_bound and relevant, false)
               as fully_smart
    from goal_smart
    where $year is null or year = $year
),
per_administration as (
    select 'Förvaltning' as dimension, u.administration as value, s.*
    from scored s, unnest(s.administrations) as u(administration)
),
per_objekt as (
    select 'Objekt' as dimension, objekt as value, * from scored where objekt is not null
),
per_year as (
    select 'År' as dimension, year::varchar as value, * from scored
),
everything as (
    select * from per_administration
    union all by name select * from per_objekt
    union all by name select * from per_year
)
select dimension, value,
       count(*) as goals,
       avg(fully_smart::int) as fully_smart,
       avg(coalesce(specific, false)::int) as specific,
       avg(coalesce(measurable, false)::int) as measurable,
       avg(coalesce(achievable, false)::int) as achievable,
       avg(coalesce(relevant, false)::int) as relevant,
       avg(coalesce(time_bound, false)::int) as time_bound
from everything
group by dimension, value
order by dimension, value
