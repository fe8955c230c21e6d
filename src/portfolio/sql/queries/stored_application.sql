-- One stored application: whether it exists, and its current version's benefit names
-- (a follow-up must name one of them).
select
    exists (select 1 from application_version where id = $id) as found,
    (
        select list(b.name order by b.position)
        from benefit b
        join application_current a on a.id = b.application_id and a.version = b.version
        where b.application_id = $id
    ) as names
