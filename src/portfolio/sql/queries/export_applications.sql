-- Every application's current version with its decision, for exports.
select id, year, title, administration, objekt, contact, email, fund_focus,
       strategic_directions, goal_area, need, expected_effect, requested_sek,
       own_funding_sek, granted_sek, current_status as status, start_date, end_date,
       risks, anchored, status as workbook_status, version,
       decision, decision_date, decided_by,
       (select motivation from decision d where d.application_id = a.id) as motivation
from application_current a
where ($all or list_contains($ids::varchar[], a.id))
order by year, id
