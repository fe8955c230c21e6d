-- How many applications of one fund year are in each process status.
select current_status as status, count(*) as applications
from application_current
where year = $year
group by current_status
