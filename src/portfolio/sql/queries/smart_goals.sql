-- The goals behind one cell of the SMART heat-map, weakest first ($value null = all).
select source, ref, work, year, administrations, objekt, text, owner, goal_area,
       specific, measurable, achievable, relevant, time_bound, smart_reasons, relevant_reason,
       coalesce(specific, false)::int + coalesce(measurable, false)::int
         + coalesce(achievable, false)::int + coalesce(relevant, false)::int
         + coalesce(time_bound, false)::int as score
from goal_smart
where ($year is null or year = $year)
  and ($value is null
       or ($dimension = 'Förvaltning' and list_contains(administrations, $value))
       or ($dimension = 'Objekt' and objekt = $value)
       or ($dimension = 'År' and year::varchar = $value))
order by score, year desc, ref, position
