-- Audit exports may also be written as a FHIR R4 Bundle of AuditEvent resources (docs/audit.md).
alter table audit_export alter column format type varchar(16);
alter table audit_export drop constraint audit_export_format_check;
alter table audit_export add constraint audit_export_format_check check (format in ('NDJSON', 'CSV', 'FHIR_BUNDLE'));
