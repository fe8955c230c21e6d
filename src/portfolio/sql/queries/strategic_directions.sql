select name, valid_from, valid_to from strategic_direction order by position
