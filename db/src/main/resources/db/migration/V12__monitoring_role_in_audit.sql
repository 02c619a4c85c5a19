-- A request refused to a caller holding the role monitoring (Prometheus' own client) is audited with that role,
-- not as anonymous.
alter table audit_event drop constraint audit_event_actor_role_check;
alter table audit_event add constraint audit_event_actor_role_check
    check (actor_role in ('CLINICIAN', 'AUDITOR', 'INTEGRATION', 'ROBOT', 'ADMIN', 'SYSTEM', 'MONITORING',
                          'ANONYMOUS'));
