select name from objekt order by name
