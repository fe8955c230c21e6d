select distinct imported_by from import_log
