package org.eecs.application.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.export.ExportJob;
import org.eecs.application.port.export.ExportJob.ExportedFile;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ExportingCareRecords;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.CareRecords;
import org.eecs.application.port.out.BulkExportFiles;
import org.eecs.application.port.out.BulkExportFiles.ExportFile;
import org.eecs.application.port.out.ExportJobs;
import org.eecs.application.port.out.Transactions;
import org.eecs.application.port.records.RecordCriteria;
import org.eecs.application.port.records.RecordType;
import org.eecs.application.port.records.TimeRange;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;

/**
 * Bulk export of care records for the hospital's information system. A request is a job in the shared job store;
 * a worker (of any instance) claims it, streams each kind of record into its own file (one record in memory at a
 * time), renews its lease as it goes, and finishes it with the list of files, which expire after the retention
 * period. The job's requester is audited for each patient whose records it exported, per kind of record, in short
 * units of work of their own, so that an export of millions of records never holds the audit chain's lock for
 * long.
 */
public final class BulkExport implements ExportingCareRecords {

    /** How many audit events an export appends per unit of work. */
    static final int AUDIT_BATCH = 500;
    /** How many records between two renewals of the worker's lease. */
    static final int RENEW_EVERY = 10_000;

    private final CareRecords records;
    private final ExportJobs jobs;
    private final BulkExportFiles files;
    private final AuditTrail auditTrail;
    private final CareRecordAccess access;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration retention;
    private final Duration lease;

    public BulkExport(CareRecords records, ExportJobs jobs, BulkExportFiles files, AuditTrail auditTrail,
                      CareRecordAccess access, Transactions transactions, Clock clock, Duration retention,
                      Duration lease) {
        this.records = records;
        this.jobs = jobs;
        this.files = files;
        this.auditTrail = auditTrail;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
        this.retention = retention;
        this.lease = lease;
    }

    @Override
    public ExportJob request(Caller caller, Set<RecordType> types, Instant since, String request) {
        UUID id = UUID.randomUUID();
        EntityRef entity = new EntityRef("BulkExport", id.toString());
        access.requireRole(caller, Role.INTEGRATION, AuditAction.EXECUTE, entity);
        List<RecordType> kinds = new ArrayList<>(types.isEmpty() ? EnumSet.allOf(RecordType.class) : EnumSet.copyOf(types));
        ExportJob job = new ExportJob(id, new ExportJob.Requester(caller.actor(), caller.sourceAddress(),
                caller.requestId(), caller.purpose()), request, kinds, since, ExportJob.State.ACCEPTED, clock.instant(),
                null, null, List.of(), null);
        return transactions.inOne(() -> {
            jobs.add(job);
            access.record(caller, AuditAction.EXECUTE, entity, null);
            return job;
        });
    }

    @Override
    public ExportJob status(Caller caller, UUID job) {
        return transactions.inOne(() -> own(caller, job));
    }

    @Override
    public void cancel(Caller caller, UUID job) {
        transactions.inOne(() -> {
            own(caller, job);
            jobs.cancel(job, clock.instant());
            access.record(caller, AuditAction.DELETE, new EntityRef("BulkExport", job.toString()), null);
            return null;
        });
        files.deleteAll(job);
    }

    @Override
    public ExportJob file(Caller caller, UUID job, String name) {
        EntityRef entity = new EntityRef("BulkExportFile", job + "/" + name);
        return transactions.inOne(() -> {
            ExportJob found = own(caller, job);
            if (found.state() != ExportJob.State.COMPLETED
                    || found.files().stream().noneMatch(file -> file.name().equals(name))) {
                throw new UnknownExportJob(job);
            }
            access.record(caller, AuditAction.READ, entity, null);
            return found;
        });
    }

    @Override
    public Optional<UUID> runNext(String worker) {
        Instant now = clock.instant();
        Optional<ExportJob> claimed = transactions.inOne(() -> jobs.claim(worker, now, now.plus(lease)));
        claimed.ifPresent(job -> run(job, worker));
        return claimed.map(ExportJob::id);
    }

    @Override
    public int purgeExpired() {
        List<UUID> expired = transactions.inOne(() -> jobs.expiredBefore(clock.instant()));
        for (UUID job : expired) {
            files.deleteAll(job);
            transactions.inOne(() -> {
                jobs.remove(job);
                return null;
            });
        }
        return expired.size();
    }

    private void run(ExportJob job, String worker) {
        files.deleteAll(job.id()); // a job taken over from a worker that died starts afresh
        RecordCriteria criteria = RecordCriteria.ANY.withLastUpdated(new TimeRange(job.since(), job.transactionTime()));
        try {
            List<ExportedFile> written = new ArrayList<>();
            for (RecordType type : job.types()) {
                written.add(export(job, worker, type, criteria));
            }
            for (RecordType type : job.types()) {
                auditPatients(job, type, criteria);
            }
            Instant finished = clock.instant();
            transactions.inOne(() -> {
                jobs.complete(job.id(), written, finished, finished.plus(retention));
                return null;
            });
        } catch (Cancelled cancelled) {
            files.deleteAll(job.id());
        } catch (RuntimeException failure) {
            files.deleteAll(job.id());
            Instant finished = clock.instant();
            transactions.inOne(() -> {
                jobs.fail(job.id(), "the export failed: " + failure.getMessage(), finished, finished.plus(retention));
                auditTrail.append(requester(job).audit(AuditAction.EXECUTE,
                        new EntityRef("BulkExport", job.id().toString()), null, AuditOutcome.FAILURE, finished));
                return null;
            });
            throw failure;
        }
    }

    private ExportedFile export(ExportJob job, String worker, RecordType type, RecordCriteria criteria) {
        try (ExportFile file = files.create(job.id(), type)) {
            transactions.inOne(() -> {
                records.stream(type, criteria, record -> {
                    file.write(record);
                    if (file.records() % RENEW_EVERY == 0) {
                        renew(job, worker);
                    }
                });
                return null;
            });
            renew(job, worker);
            return new ExportedFile(type, file.name(), file.records());
        }
    }

    private void renew(ExportJob job, String worker) {
        Instant now = clock.instant();
        if (!transactions.inSeparateOne(() -> jobs.renew(job.id(), worker, now.plus(lease)))) {
            throw new Cancelled();
        }
    }

    /** One READ event per patient whose records of this kind the job exported, a batch per unit of work. */
    private void auditPatients(ExportJob job, RecordType type, RecordCriteria criteria) {
        EntityRef entity = new EntityRef("BulkExport", job.id() + "/" + type.entityType());
        List<PatientId> batch = new ArrayList<>(AUDIT_BATCH);
        Runnable flush = () -> {
            List<PatientId> patients = List.copyOf(batch);
            batch.clear();
            transactions.inSeparateOne(() -> {
                Instant now = clock.instant();
                patients.forEach(patient -> auditTrail.append(requester(job).audit(AuditAction.READ, entity,
                        patient, AuditOutcome.SUCCESS, now)));
                return null;
            });
        };
        transactions.inOne(() -> {
            records.patientsOf(type, criteria, patient -> {
                batch.add(patient);
                if (batch.size() == AUDIT_BATCH) {
                    flush.run();
                }
            });
            return null;
        });
        if (!batch.isEmpty()) {
            flush.run();
        }
    }

    /** The job, if it is the caller's (the same person or system that asked for it); else unknown to them. */
    private ExportJob own(Caller caller, UUID job) {
        return jobs.find(job)
                .filter(found -> found.requestedBy().actor().equals(caller.actor()))
                .filter(found -> found.state() != ExportJob.State.CANCELLED)
                .orElseThrow(() -> new UnknownExportJob(job));
    }

    /** The job's requester, as the caller its audit events name. */
    private static Caller requester(ExportJob job) {
        ExportJob.Requester requester = job.requestedBy();
        return new Caller(requester.actor(), requester.sourceAddress(), requester.requestId(), requester.purpose());
    }

    /** The job was cancelled while it ran. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }
}
