-- One stored application named by a workbook, in any case ("ans-2026-007" names
-- "ANS-2026-007"; the id spelled exactly as typed wins where two differ only in case):
-- its id as stored, its current version's benefit names (a follow-up must name one) and
-- the amount it asks for (a decision may grant at most that).
with named as (
    select id
    from application_version
    where lower(id) = lower($id)
    order by id = $id desc, id
    limit 1
)
select
    (select id from named) as id,
    (
        select list(b.name order by b.position)
        from benefit b
        join application_current a on a.id = b.application_id and a.version = b.version
        where b.application_id = (select id from named)
    ) as names,
    (select requested_sek from application_current where id = (select id from named))
        as requested_sek
