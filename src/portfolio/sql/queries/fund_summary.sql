-- Budget, requested, granted and remaining money for one fund year.
select $year as year,
       (select budget_sek from fund_year where year = $year) as budget_sek,
       count(a.id) as applications,
       coalesce(sum(a.requested_sek), 0) as requested_sek,
       coalesce(sum(a.granted_sek), 0) as granted_sek,
       count(a.decision) as decided,
       count(*) filter (where a.decision = 'Avslagen') as rejected
from application_current a
where a.year = $year
