select distinct id from application_version
