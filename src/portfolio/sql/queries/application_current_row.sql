select * from application_current where id = $id
