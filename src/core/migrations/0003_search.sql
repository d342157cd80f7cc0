-- Person search inside a village walks only that village's people: each person carries their
-- household's village (area_id), so (area_id, name) and (area_id, id_number) are one index range.
-- The copy cannot drift: the composite foreign key below requires it to equal the household's area,
-- and ON UPDATE CASCADE carries it along when an area merge or split moves the household.
alter table household add constraint household_id_area unique (id, area_id);
alter table person add column area_id int;
update person set area_id = household.area_id from household where household.id = person.household_id;
alter table person
  add constraint person_household_area foreign key (household_id, area_id) references household (id, area_id) on update cascade,
  add constraint person_area_follows_household check ((household_id is null) = (area_id is null));

-- Writers name only the household; the village is copied from it here (a bulk load may pass it itself,
-- and the foreign key still checks it).
create function person_area_from_household() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' or new.area_id is null then
    new.area_id := (select household.area_id from household where household.id = new.household_id);
  end if;
  return new;
end
$$;
create trigger person_area_from_household before insert or update of household_id on person
  for each row execute function person_area_from_household();

-- Name prefixes within a scope, in the order a page shows them (name, then id).
create index person_area_name on person (area_id, name text_pattern_ops, id);
-- The same county-wide: only persons with a household are listed, and with that condition in the
-- index a name-prefix count is an index-only walk and a page needs no sort.
create index person_listed_name on person (name text_pattern_ops, id) where area_id is not null;
