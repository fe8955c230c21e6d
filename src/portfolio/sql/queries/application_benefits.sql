select position, name, type, beneficiary, indicator, unit, baseline, target, value_per_year_sek,
       hours_per_year, first_year, owner
from benefit where application_id = $id and version = $version order by position
