select name, valid_from, valid_to from goal_area order by position
