-- Every PM3 objekt for one year: plan budgets, activities and how much of the development
-- money is linked to a council goal area; optionally only objekt spanning given administrations.
with plan as (
    select objekt, maintenance_sek, development_sek from object_plan where year = $year
),
-- The council's goal areas valid in the year, as Målkvalitet judges them (unlinked_work):
-- a goal area removed from the reference data, or out of its years, links nothing.
valid_area as (
    select name from goal_area
    where (valid_from is null or $year >= valid_from) and (valid_to is null or $year <= valid_to)
),
act as (  -- a stopped activity will not be carried out: its money links no goal area
    select objekt,
           count(*) as activities,
           count(*) filter (where not linked and status is distinct from 'Stoppad')
               as unlinked_activities,
           coalesce(sum(budget_sek) filter (
               where type = 'Utveckling' and status is distinct from 'Stoppad'
           ), 0) as development_activity_sek,
           coalesce(sum(budget_sek) filter (
               where type = 'Utveckling' and linked and status is distinct from 'Stoppad'
           ), 0) as development_linked_sek
    from (
        select *, coalesce(goal_area in (select name from valid_area), false) as linked
        from activity
        where year = $year
    )
    group by objekt
),
apps as (  -- the year's applications, as every other column is the year's
    select objekt, count(*) as applications, coalesce(sum(granted_sek), 0) as granted_sek
    from application_current
    where objekt is not null and year = $year
    group by objekt
)
select o.name, o.owner, o.manager_business, o.manager_it, o.administrations,
       p.maintenance_sek, p.development_sek,
       coalesce(a.activities, 0) as activities,
       coalesce(a.unlinked_activities, 0) as unlinked_activities,
       a.development_activity_sek, a.development_linked_sek,
       -- Of the plan's development budget, or of its activities' when they cost more:
       -- planned money no activity accounts for is not linked to any goal area either
       -- (a plan without activities links none of it: 0, not unknown).
       coalesce(a.development_linked_sek, 0) / nullif(
           greatest(coalesce(p.development_sek, 0), coalesce(a.development_activity_sek, 0)), 0
       ) as linked_share,
       coalesce(ap.applications, 0) as applications,
       coalesce(ap.granted_sek, 0) as granted_sek
from objekt o
left join plan p on p.objekt = o.name
left join act a on a.objekt = o.name
left join apps ap on ap.objekt = o.name
where len($administrations) = 0 or list_has_any(o.administrations, $administrations)
order by o.name
