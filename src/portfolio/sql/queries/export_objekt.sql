select name, owner, manager_business, manager_it, administrations from objekt order by name
