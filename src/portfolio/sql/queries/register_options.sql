-- The values the register's filters offer: what actually occurs among current applications.
select list(distinct administration order by administration) as administrations,
       list(distinct current_status order by current_status) as statuses,
       list(distinct fund_focus order by fund_focus) as focus,
       list(distinct objekt order by objekt) filter (where objekt is not null) as objekt
from application_current
