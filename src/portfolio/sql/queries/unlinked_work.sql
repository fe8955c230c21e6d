-- Applications and activities linked to no goal area, or only to one that is not valid in
-- the year given (e.g. this year): what the auditors ask about.
with areas as (select name, valid_from, valid_to from goal_area),
items as (
    select 'Ansökan' as kind, a.id as ref, a.title as name, a.administration as owner,
           a.year, a.goal_area, a.current_status as status
    from application_current a
    union all
    select 'Aktivitet' as kind, t.objekt || ' ' || t.year as ref, t.name, t.objekt as owner,
           t.year, t.goal_area, t.status
    from activity t
)
select i.kind, i.ref, i.name, i.owner, i.year, i.goal_area, i.status,
       case when i.goal_area is null then 'inget målområde'
            else 'gäller inte ' || $year end as problem,
       g.valid_to
from items i
left join areas g on g.name = i.goal_area
where i.goal_area is null
   or g.name is null
   or not ((g.valid_from is null or $year >= g.valid_from)
           and (g.valid_to is null or $year <= g.valid_to))
order by i.year desc, i.kind, i.owner, i.name
