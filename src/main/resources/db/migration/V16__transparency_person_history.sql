-- A person's history is read a page at a time, newest first (the portal and subject access): one range scan of the
-- person's events, and each event's leaf found by its event id rather than by reading the leaves.
create index transparency_event_by_person on transparency_event (person_ref, id);
create index transparency_leaf_by_event on transparency_leaf (event_id);
