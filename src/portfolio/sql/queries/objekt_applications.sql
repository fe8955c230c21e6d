select id, year, title, administration, current_status as status, requested_sek, granted_sek
from application_current where objekt = $objekt order by year desc, id
