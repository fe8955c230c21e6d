-- The stored activities of some objekt ($names), every year, in plan order, keyed as the
-- Aktiviteter sheet names them: what an objekt workbook's list is compared with (no SMART
-- verdicts, which export_activities joins at three times the cost).
select objekt, year, name, type, goal_area, strategic_directions, goal, indicator, unit,
       target, deadline, budget_sek, status
from activity
where list_contains($names::varchar[], objekt)
order by objekt, year, position
