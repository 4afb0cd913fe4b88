-- Bulk data exports of the FHIR interface (decision 0042): each job, who asked for it, and the NDJSON it produced, in
-- the database so that any node can answer a poll or a download for a job another node ran. Rows are deleted when a
-- job expires or is cancelled; the files hold personal data and never outlive ecare.fhir.export.keep.

create table fhir_export_job (
    id              varchar(36) primary key,
    -- Who asked, as the access decision saw them: 'staff' (username), or 'system' (client id, and the staff
    -- account it acted for, if any). Only the same caller may poll, download or cancel.
    caller_kind     varchar(10) not null,
    username        varchar(64),
    client_id       varchar(64),
    agency_id       varchar(64) not null,
    purpose         varchar(30) not null,
    -- Where it was kicked off ('system': /fhir/$export, 'patient': /fhir/Patient/$export) and the resource types
    -- asked for, comma-separated, as checked then.
    kick_off        varchar(10) not null,
    types           varchar(300) not null,
    -- accepted, running, complete or failed.
    status          varchar(10) not null,
    progress        varchar(100),
    created_at      timestamp with time zone not null,
    started_at      timestamp with time zone,
    completed_at    timestamp with time zone,
    expires_at      timestamp with time zone not null
);

create index fhir_export_job_expires on fhir_export_job (expires_at);

create table fhir_export_file (
    job_id          varchar(36) not null references fhir_export_job (id) on delete cascade,
    resource_type   varchar(40) not null,
    resource_count  integer not null,
    content         text not null,
    primary key (job_id, resource_type)
);
