select name, abbreviation, committees from administration order by position
