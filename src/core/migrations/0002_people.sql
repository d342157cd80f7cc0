-- Household search by the head's name starts from the person_name index and comes back to the household.
create index household_head on household (head_person_id);
