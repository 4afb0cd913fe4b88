-- Raised by every change to the index, so that every node's cache of people knows when to empty itself.
alter table person_index_writer add column generation bigint default 0 not null;
