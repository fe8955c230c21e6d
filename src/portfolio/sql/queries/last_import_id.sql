-- The newest import log id (0 for none): a dry run's horizon for what was imported.
select coalesce(max(id), 0) from import_log
