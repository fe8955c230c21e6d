-- The fund over the years: budget, requested and granted money, number of applications.
with apps as (
    select year,
           count(*) as applications,
           sum(requested_sek) as requested_sek,
           coalesce(sum(granted_sek), 0) as granted_sek,
           count(*) filter (where decision = 'Avslagen') as rejected
    from application_current
    group by year
)
select coalesce(y.year, a.year) as year,
       y.budget_sek,
       coalesce(a.applications, 0) as applications,
       coalesce(a.requested_sek, 0) as requested_sek,
       coalesce(a.granted_sek, 0) as granted_sek,
       coalesce(a.rejected, 0) as rejected
from fund_year y
full outer join apps a on a.year = y.year
order by year
