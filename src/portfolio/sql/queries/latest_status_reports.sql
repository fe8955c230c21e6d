-- The newest status report of every granted application that is not finished, or none.
select a.id as application_id, a.year, a.title, a.administration, a.current_status,
       r.date, r.status, r.time_status, r.cost_status, r.benefit_status, r.spent_sek,
       r.comment
from application_current a
left join (
    select * from status_report
    qualify row_number() over (partition by application_id order by date desc) = 1
) r on r.application_id = a.id
where a.decision in ('Beviljad', 'Delvis beviljad')
  and a.current_status not in ('Avslutad', 'Uppföljd')
order by a.administration, a.id
