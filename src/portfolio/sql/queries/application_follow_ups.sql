select benefit, date, actual, actual_sek, comment from follow_up
where application_id = $id order by benefit, date
