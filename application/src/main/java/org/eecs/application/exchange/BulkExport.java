package org.eecs.application.exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.export.ExportRun;
import org.eecs.application.export.ExportWork;
import org.eecs.application.port.export.BulkExportJob;
import org.eecs.application.port.export.BulkExportJob.ExportedFile;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportState;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ExportingCareRecords;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.BulkExportFiles;
import org.eecs.application.port.out.BulkExportFiles.ExportFile;
import org.eecs.application.port.out.BulkExportJobs;
import org.eecs.application.port.out.CareRecords;
import org.eecs.application.port.out.ExportFiles.StoredFile;
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
 * Bulk export of care records for the hospital's information system: one kind of export among the others, run as
 * they all are ({@link org.eecs.application.export.ExportQueue}). A request is queued; the worker that claims it
 * streams each kind of record into its own file (one record in memory at a time), reporting progress as it goes,
 * and finishes it with the list of files. The job's requester is audited for each patient whose records it
 * exported, per kind of record, in short units of work of their own, so that an export of millions of records
 * never holds the audit chain's lock for long.
 */
public final class BulkExport implements ExportingCareRecords, ExportWork {

    /** How many audit events an export appends per unit of work. */
    static final int AUDIT_BATCH = 500;

    private final CareRecords records;
    private final BulkExportJobs bulkJobs;
    private final ExportJobs jobs;
    private final BulkExportFiles files;
    private final AuditTrail auditTrail;
    private final CareRecordAccess access;
    private final Transactions transactions;
    private final Clock clock;

    public BulkExport(CareRecords records, BulkExportJobs bulkJobs, ExportJobs jobs, BulkExportFiles files,
                      AuditTrail auditTrail, CareRecordAccess access, Transactions transactions, Clock clock) {
        this.records = records;
        this.bulkJobs = bulkJobs;
        this.jobs = jobs;
        this.files = files;
        this.auditTrail = auditTrail;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public BulkExportJob request(Caller caller, Set<RecordType> types, Instant since, String request) {
        UUID id = UUID.randomUUID();
        EntityRef entity = new EntityRef("BulkExport", id.toString());
        access.requireRole(caller, Role.INTEGRATION, AuditAction.EXECUTE, entity);
        List<RecordType> kinds = new ArrayList<>(types.isEmpty() ? EnumSet.allOf(RecordType.class) : EnumSet.copyOf(types));
        BulkExportJob job = new BulkExportJob(id, new BulkExportJob.Requester(caller.actor(), caller.sourceAddress(),
                caller.requestId(), caller.purpose()), request, kinds, since, ExportState.QUEUED, clock.instant(), 0,
                null, null, List.of(), null);
        return transactions.inOne(() -> {
            bulkJobs.add(job);
            access.record(caller, AuditAction.EXECUTE, entity, null);
            return job;
        });
    }

    @Override
    public BulkExportJob status(Caller caller, UUID job) {
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
    public StoredFile file(Caller caller, UUID job, String name) {
        EntityRef entity = new EntityRef("BulkExportFile", job + "/" + name);
        return transactions.inOne(() -> {
            BulkExportJob found = own(caller, job);
            if (found.state() != ExportState.COMPLETED
                    || found.files().stream().noneMatch(file -> file.name().equals(name))) {
                throw new UnknownExportJob(job);
            }
            StoredFile file = files.find(job, name).orElseThrow(() -> new UnknownExportJob(job));
            access.record(caller, AuditAction.READ, entity, null);
            return file;
        });
    }

    @Override
    public Set<ExportKind> kinds() {
        return Set.of(ExportKind.CARE_RECORDS);
    }

    @Override
    public void write(UUID id, ExportRun run) {
        BulkExportJob job = transactions.inOne(() -> bulkJobs.find(id)).orElseThrow(() -> new UnknownExportJob(id));
        RecordCriteria criteria = RecordCriteria.ANY.withLastUpdated(new TimeRange(job.since(), job.transactionTime()));
        List<ExportedFile> written = new ArrayList<>();
        long[] total = {0};
        for (RecordType type : job.types()) {
            written.add(export(job, type, criteria, run, total));
        }
        for (RecordType type : job.types()) {
            auditPatients(job, type, criteria);
        }
        run.report(total[0]);
        Instant finished = clock.instant();
        transactions.inOne(() -> {
            run.finish(worker -> bulkJobs.complete(id, worker, written, total[0], finished, run.expiresAt()));
            return null;
        });
    }

    @Override
    public String failed(UUID id, RuntimeException failure) {
        bulkJobs.find(id).ifPresent(job -> auditTrail.append(requester(job).audit(AuditAction.EXECUTE,
                new EntityRef("BulkExport", id.toString()), null, AuditOutcome.FAILURE, clock.instant())));
        return "the export failed: " + failure.getMessage();
    }

    @Override
    public void purged(UUID id) {
        // the request and every file fetched are audited; files going is the retention the hospital agreed to
    }

    private ExportedFile export(BulkExportJob job, RecordType type, RecordCriteria criteria, ExportRun run,
                                long[] total) {
        try (ExportFile file = files.create(job.id(), type)) {
            transactions.inOne(() -> {
                records.stream(type, criteria, record -> {
                    file.write(record);
                    run.progress(++total[0]);
                });
                return null;
            });
            file.finish();
            return new ExportedFile(type, file.name(), file.records());
        }
    }

    /** One READ event per patient whose records of this kind the job exported, a batch per unit of work. */
    private void auditPatients(BulkExportJob job, RecordType type, RecordCriteria criteria) {
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
    private BulkExportJob own(Caller caller, UUID job) {
        return bulkJobs.find(job)
                .filter(found -> found.requestedBy().actor().equals(caller.actor()))
                .filter(found -> found.state() != ExportState.CANCELLED)
                .orElseThrow(() -> new UnknownExportJob(job));
    }

    /** The job's requester, as the caller its audit events name. */
    private static Caller requester(BulkExportJob job) {
        BulkExportJob.Requester requester = job.requestedBy();
        return new Caller(requester.actor(), requester.sourceAddress(), requester.requestId(), requester.purpose());
    }
}
