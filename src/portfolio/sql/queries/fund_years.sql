-- The fund's budget and focus areas per year.
select y.year, y.budget_sek,
       coalesce(list(f.name order by f.position) filter (where f.name is not null), []) as focus_areas
from fund_year y
left join fund_focus f on f.year = y.year
group by y.year, y.budget_sek
order by y.year
