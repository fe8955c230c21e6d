-- The export a stamped workbook came from (excel.stamp): a record an earlier import of the
-- same download stored was in the file the person edited, so deleting it there removes it.
alter table import_log add column export_id varchar;
