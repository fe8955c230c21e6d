select count(*) from import_log
