select objekt, year, maintenance_sek, development_sek from object_plan
where ($all or list_contains($names::varchar[], objekt)) and ($year is null or year = $year)
order by objekt, year
