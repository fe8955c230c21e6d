select position, item, type, year, amount_sek
from cost where application_id = $id and version = $version order by position
