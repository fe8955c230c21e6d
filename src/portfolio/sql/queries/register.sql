-- The application register: current versions filtered as on the Ansökningar page, with the
-- filtered set's totals on every row (empty filter lists mean "all").
select id, year, title, administration, fund_focus, objekt, goal_area,
       current_status as status, requested_sek, granted_sek, decision_date, version,
       count(*) over () as total_applications,
       sum(requested_sek) over () as total_requested_sek,
       coalesce(sum(granted_sek) over (), 0) as total_granted_sek
from application_current
where ($year is null or year = $year)
  and (len($administrations) = 0 or list_contains($administrations, administration))
  and (len($statuses) = 0 or list_contains($statuses, current_status))
  and (len($focus) = 0 or list_contains($focus, fund_focus))
  and (len($objekt) = 0 or list_contains($objekt, objekt))
  -- Every word typed, anywhere in these fields ("exploateringsavtal etapp" finds "Digital
  -- hantering av exploateringsavtal – etapp 2"); contains, not ilike: a typed % or _ is a
  -- character here, not a wildcard. Both sides in NFC: "ä" pasted from a PDF or a Mac
  -- may be "a" and a combining diaeresis (queries.register). A word of digits only is a
  -- whole number: "etapp 2" found every id, as each has 2 in its year (QA); leading zeros
  -- aside, so "10" finds HUD-2026-010 (QA).
  and (len($words) = 0 or list_bool_and(list_transform(
       $words::varchar[],
       lambda w: case
           when regexp_full_match(w, '[0-9]+') then regexp_matches(
               lower(nfc_normalize(concat_ws(' ', title, need, id, contact))),
               '(^|[^0-9])0*' || coalesce(nullif(ltrim(w, '0'), ''), '0') || '([^0-9]|$)')
           else contains(lower(nfc_normalize(concat_ws(' ', title, need, id, contact))), w)
       end)))
order by year desc, id
