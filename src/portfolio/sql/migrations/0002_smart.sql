-- SMART verdicts of every goal, computed once when the goal is stored (they depend only on
-- the goal's own fields). Relevance depends on reference data that can change, so it is
-- derived in queries instead. NULL = cannot be judged.
alter table goal add column specific boolean;
alter table goal add column measurable boolean;
alter table goal add column achievable boolean;
alter table goal add column time_bound boolean;
-- Swedish reasons for specific, measurable, achievable, time_bound, in that order.
alter table goal add column smart_reasons varchar[];

alter table activity add column specific boolean;
alter table activity add column measurable boolean;
alter table activity add column achievable boolean;
alter table activity add column time_bound boolean;
alter table activity add column smart_reasons varchar[];

-- Every goal of every current application and objekt activity with its SMART verdicts.
-- Relevance is derived here: the goal's own goal area, else its application's, must be
-- valid in the goal's year, or the application must name a strategy direction valid then.
-- An activity's goal belongs to every administration its objekt spans (`administrations`).
create view goal_smart as
with app_goals as (
    select 'Ansökan' as source, a.id as ref, a.title as work, a.year,
           [a.administration] as administrations, a.objekt, g.position, g.text, g.indicator,
           g.unit, g.baseline, g.target, g.deadline, g.owner,
           coalesce(g.goal_area, a.goal_area) as goal_area, a.strategic_directions,
           g.specific, g.measurable, g.achievable, g.time_bound, g.smart_reasons
    from goal g
    join application_current a on a.id = g.application_id and a.version = g.version
),
activity_goals as (
    select 'Aktivitet' as source, t.objekt || ' ' || t.year as ref, t.name as work, t.year,
           o.administrations, t.objekt, t.position, t.goal as text,
           t.indicator, null::varchar as unit, null::double as baseline, t.target, t.deadline,
           null::varchar as owner, t.goal_area,
           t.strategic_directions, t.specific, t.measurable, t.achievable, t.time_bound,
           t.smart_reasons
    from activity t
    join objekt o on o.name = t.objekt
    where t.goal is not null
),
goals as (
    select * from app_goals
    union all
    select * from activity_goals
),
with_links as (
    select g.*,
           ga.name as valid_area,
           exists (
               select 1 from strategic_direction d
               where list_contains(g.strategic_directions, d.name)
                 and (d.valid_from is null or g.year >= d.valid_from)
                 and (d.valid_to is null or g.year <= d.valid_to)
           ) as valid_direction
    from goals g
    left join goal_area ga
           on ga.name = g.goal_area
          and (ga.valid_from is null or g.year >= ga.valid_from)
          and (ga.valid_to is null or g.year <= ga.valid_to)
)
select * exclude (valid_area, valid_direction),
       valid_area is not null or valid_direction as relevant,
       case
           when valid_area is not null then 'målområde ' || valid_area
           when valid_direction then 'strategisk inriktning'
           when goal_area is null then 'inget målområde'
           else 'målområdet ' || goal_area || ' gäller inte ' || year
       end as relevant_reason
from with_links;
