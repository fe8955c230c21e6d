-- The years that hold an objekt plan or activities, newest first: next year's plans are
-- written in the autumn, before that year's fund has a budget.
select year from object_plan
union
select year from activity
order by year desc
