-- Council goal areas x administrations: number and money of applications and objekt
-- activities (an activity counts for every administration its objekt spans).
with items as (
    select 'Ansökningar' as kind, a.year, a.administration, a.goal_area,
           a.requested_sek as money_sek
    from application_current a
    union all
    select 'Aktiviteter' as kind, t.year, unnest(o.administrations) as administration,
           t.goal_area, t.budget_sek as money_sek
    from activity t
    join objekt o on o.name = t.objekt
)
select kind, administration, coalesce(goal_area, '(inget målområde)') as goal_area,
       count(*) as items, coalesce(sum(money_sek), 0) as money_sek
from items
where $year is null or year = $year
group by all
order by kind, administration, goal_area
