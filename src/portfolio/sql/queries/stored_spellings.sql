-- The stored ids equal, in any case, to ids a workbook carries ("ANS-2026-007" for a typed
-- "ans-2026-007"); the caller picks, per typed id, the one spelled as typed, else the first.
select distinct id
from application_version
where lower(id) in (select lower(unnest($ids::varchar[])))
