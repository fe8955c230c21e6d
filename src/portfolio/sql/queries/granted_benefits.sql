-- Benefits of every granted application's current version, with what the follow-up
-- views group by.
select a.id as application_id, a.year, a.title, a.administration, a.fund_focus,
       a.current_status as status, a.decision, a.decision_date,
       b.position, b.name, b.type, b.beneficiary, b.indicator, b.baseline, b.target,
       b.value_per_year_sek, b.hours_per_year, b.first_year, b.owner
from application_current a
join benefit b on b.application_id = a.id and b.version = a.version
where a.decision in ('Beviljad', 'Delvis beviljad')
order by a.id, b.position
