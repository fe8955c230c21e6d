select year, maintenance_sek, development_sek from object_plan where objekt = $objekt order by year
