-- The private events of the transparency log, as appended: canonical JSON without the person's chain (which the
-- sequencer adds to what the leaf commits to). Rows are never updated or deleted.
create table transparency_event (
    id            bigint primary key,
    timestamp_ms  bigint not null,
    event_type    integer not null,
    person_ref    varchar(64),
    salt          bytea not null,
    event         text not null
);

-- Event ids come in blocks of 1024 (id = block * 1024 + n), so that an appender knows its ids without asking the
-- database for each one.
create sequence transparency_event_block;

-- Events appended and not yet sequenced: the sequencer's queue.
create table transparency_pending (
    event_id  bigint primary key
);

-- The leaves of the Merkle log, in order. leaf_input is public (get-entries); the event, the person's sequence
-- number and the leaf of their previous event are private, and with the event row give what the leaf commits to.
create table transparency_leaf (
    leaf_index     bigint primary key,
    leaf_hash      bytea not null,
    leaf_input     bytea not null,
    event_id       bigint not null,
    person_seq     bigint,
    previous_leaf  bigint
);
create index transparency_leaf_by_hash on transparency_leaf (leaf_hash);

-- Hashes of the complete subtrees above the leaves (level >= 1): 2^level leaves from idx * 2^level, so that any
-- proof needs O(log n) reads.
create table transparency_node (
    level  integer not null,
    idx    bigint not null,
    hash   bytea not null,
    primary key (level, idx)
);

-- Every signed tree head, one per sequencing round that added leaves.
create table transparency_tree_head (
    tree_size     bigint primary key,
    timestamp_ms  bigint not null,
    root_hash     bytea not null,
    signature     bytea not null,
    key_id        varchar(64) not null
);

-- Every key that has signed a tree head, so that heads signed before a key rotation still check.
create table transparency_key (
    key_id        varchar(64) primary key,
    public_key    bytea not null,
    first_used_ms bigint not null
);

-- Each person's last sequenced event, so the next one can name it.
create table transparency_person_chain (
    person_ref  varchar(64) primary key,
    last_seq    bigint not null,
    last_leaf   bigint not null
);

-- One row, locked by whichever node sequences, so that one sequencer runs at a time across all nodes.
create table transparency_sequencer (
    id         integer primary key check (id = 1),
    tree_size  bigint not null
);
insert into transparency_sequencer (id, tree_size) values (1, 0);
