-- How many activities each given plan ($objekt[i], $years[i]) has stored.
with plans as (
    select unnest($objekt::varchar[]) as objekt, unnest($years::integer[]) as year
)
select a.objekt, a.year, count(*) as activities
from activity a
join plans p on p.objekt = a.objekt and p.year = a.year
group by a.objekt, a.year
