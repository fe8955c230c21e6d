-- The imports of workbooks that came from one export (excel.stamp): the same download,
-- edited, imported, corrected and imported again.
select id from import_log where export_id = $export
