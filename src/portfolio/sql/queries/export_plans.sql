select objekt, year, maintenance_sek, development_sek from object_plan order by objekt, year
