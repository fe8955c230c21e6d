-- A benefit's indicator has a unit like a goal's ("%", "dagar"): a benefit measured in
-- percent lost its % once read as percent points. Empty for everything stored before.
alter table benefit add column unit varchar;
