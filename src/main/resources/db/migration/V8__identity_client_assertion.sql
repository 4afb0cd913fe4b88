-- The ids (jti) of agency systems' client assertions already used, kept until the assertion expires, so that an
-- assertion is accepted once, on any node: the primary key makes a second use fail however the nodes race.
create table identity_client_assertion (
    client_id   varchar(64)  not null,
    jti         varchar(255) not null,
    expires_at  timestamp with time zone not null,
    primary key (client_id, jti)
);

create index identity_client_assertion_expiry on identity_client_assertion (expires_at);
