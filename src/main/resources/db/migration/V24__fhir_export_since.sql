-- A bulk export's _since (decision 0042): only resources changed at or after this instant are exported; null exports
-- everything.
alter table fhir_export_job add column since_at timestamp with time zone;
