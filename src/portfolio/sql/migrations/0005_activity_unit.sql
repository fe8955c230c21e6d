-- An activity's Målvärde has a unit like a goal's: "90 %" lost its % once read as 90.
-- Empty for everything stored before.
alter table activity add column unit varchar;
