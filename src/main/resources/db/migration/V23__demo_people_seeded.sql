-- When DEMO.md's "Everyone else" was seeded: after the hub has started, so that the demo opens sooner. A demo seeded
-- before this column seeded them before it started.
alter table demo_seed add column people_seeded_at timestamp with time zone;
update demo_seed set people_seeded_at = seeded_at;
