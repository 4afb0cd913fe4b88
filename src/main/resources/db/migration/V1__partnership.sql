-- Every partnership file ever applied; the highest version is in force.
create table partnership_version (
    version     integer primary key,
    name        varchar(200) not null,
    document    text not null,
    sha256      char(64) not null,
    source      varchar(500) not null,
    applied_at  timestamp with time zone not null,
    applied_by  varchar(200) not null
);
