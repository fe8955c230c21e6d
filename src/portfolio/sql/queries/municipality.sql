-- The municipality whose lists are loaded (one row, or none in an empty database).
select key, name from municipality
