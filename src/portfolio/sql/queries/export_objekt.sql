select name, owner, manager_business, manager_it, administrations from objekt
where $all or list_contains($names::varchar[], name)
order by name
