-- The stored applications of some fund years, for new ids in a workbook: is one of them a
-- stored id typed with other separators or zeros ("HUD 2024-02" for "HUD-2024-002")?
select id, year, title
from application_current
where year in (select unnest($years::integer[]))
order by id
