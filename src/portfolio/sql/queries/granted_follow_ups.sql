select f.application_id, f.benefit, f.date, f.actual, f.actual_sek, f.comment
from follow_up f
join application_current a on a.id = f.application_id
where a.decision in ('Beviljad', 'Delvis beviljad')
order by f.application_id, f.benefit, f.date
