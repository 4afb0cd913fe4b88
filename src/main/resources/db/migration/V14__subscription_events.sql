-- Event numbers for FHIR subscription notifications (docs/fhir.md, decision 0030). Each rest-hook delivery is
-- numbered within its agency's subscription at its first attempt, in one short transaction that also counts the
-- subscription's events, and keeps that number on every later attempt: receivers see 1, 2, 3... per subscription,
-- with no gaps, and a duplicate carries the same number as the delivery it repeats. Numbering at the first attempt,
-- not in the sender's transaction, keeps a lock on the counter out of every sender's change.
alter table delivery add column event_number bigint;

create table subscription_event_count (
    agency_id           varchar(64) primary key,
    events              bigint not null
);
