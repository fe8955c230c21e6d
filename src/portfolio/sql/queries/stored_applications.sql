-- What a workbook's rows are checked against for stored applications ($ids as stored): the
-- amount the current version asks for and the amount its decision grants (a decision may
-- grant at most the first), and the benefits with follow-ups stored (a new version that
-- drops one leaves them uncounted), the import that stored its decision, and whether it
-- has status reports, its own status (a rejection must not stand beside granted work) and
-- its decision (named when a file would remove it). Benefit names are read per
-- application, only where a follow-up needs them (stored_benefit_names): lists for
-- thousands of ids cost too much.
with ids as (
    select distinct unnest($ids::varchar[]) as id
),
followed as (
    select application_id as id, list(distinct benefit) as names
    from follow_up
    where application_id in (select id from ids)
    group by application_id
)
select
    c.id, c.requested_sek, c.granted_sek, f.names as followed_names, d.import_id,
    exists (select 1 from status_report s where s.application_id = c.id) as reported,
    c.status, c.decision
from application_current c
left join followed f on f.id = c.id
left join decision d on d.application_id = c.id
where c.id in (select id from ids)
