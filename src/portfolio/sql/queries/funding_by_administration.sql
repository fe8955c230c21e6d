-- Requested and granted money per administration for one fund year.
select ad.name as administration,
       ad.abbreviation,
       count(a.id) as applications,
       coalesce(sum(a.requested_sek), 0) as requested_sek,
       coalesce(sum(a.granted_sek), 0) as granted_sek
from administration ad
left join application_current a on a.administration = ad.name and a.year = $year
group by ad.name, ad.abbreviation, ad.position
having count(a.id) > 0
order by granted_sek desc, requested_sek desc, ad.position
