-- Requested and granted money per fund focus area for one fund year.
select a.fund_focus,
       count(*) as applications,
       sum(a.requested_sek) as requested_sek,
       coalesce(sum(a.granted_sek), 0) as granted_sek
from application_current a
where a.year = $year
group by a.fund_focus
order by a.fund_focus
