-- Present only in a database seeded by ./ecare demo; ./ecare serve refuses such a database.
create table demo_seed (
    id         integer primary key check (id = 1),
    seeded_at  timestamp with time zone not null,
    people     integer not null
);
