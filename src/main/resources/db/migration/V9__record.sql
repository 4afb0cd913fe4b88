-- The shared record: items of a person's record and every version of each. Versions are only ever inserted; an item
-- row changes only to point at its latest version (optimistic locking on version) or to say it was superseded.

-- Item numbers come from a sequence so that the access decision can be taken, and logged, about the item's id before
-- its row is inserted.
create sequence record_item_ids start with 1;

create table record_item (
    id             bigint primary key,
    person_id      varchar(64) not null,
    kind           varchar(30) not null,
    category       varchar(40) not null,
    sensitivity    varchar(20) not null,
    owner          varchar(64) not null,
    status         varchar(20) not null,
    version        integer not null,
    -- The member of staff who created the item: an assessment's assessor, the only one who may sign it off.
    created_by     varchar(64),
    superseded_by  bigint,
    created_at     timestamp with time zone not null
);
create index record_item_by_person on record_item (person_id);

create table record_item_version (
    item_id     bigint not null references record_item (id),
    version     integer not null,
    status      varchar(20) not null,
    content     text not null,
    reason      varchar(2000),
    author      varchar(64),
    agency      varchar(64) not null,
    written_at  timestamp with time zone not null,
    primary key (item_id, version)
);
