-- The stored applications of one administration for one fund year, for a form that comes
-- without an id: is it one of these, sent again with its title corrected?
select id, title, contact
from application_current
where year = $year and administration = $administration
order by id
