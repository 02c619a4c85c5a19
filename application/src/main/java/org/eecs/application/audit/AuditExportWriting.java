package org.eecs.application.audit;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eecs.application.export.ExportRun;
import org.eecs.application.export.ExportWork;
import org.eecs.application.export.Relay;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.export.InteractionRecord;
import org.eecs.application.port.in.ExportingAuditTrail;
import org.eecs.application.port.out.AuditExports;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.AuditTrailPartitions;
import org.eecs.application.port.out.AuditTrailPartitions.ArchiveAnchor;
import org.eecs.application.port.out.AuditTrailPartitions.StoredMonth;
import org.eecs.application.port.out.AuditTrailSearch;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.Consents;
import org.eecs.application.port.out.Escalations;
import org.eecs.application.port.out.AuditExportFiles;
import org.eecs.application.port.out.ExportFiles;
import org.eecs.application.port.out.GuardViolations;
import org.eecs.application.port.out.Transactions;
import org.eecs.application.port.out.Turns;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditChain;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.BreakKind;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.ChainWalk;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.session.CareSession;

/**
 * Writes auditors' exports (events, interaction logs, month archives): their kinds of export, run as every export is
 * ({@link org.eecs.application.export.ExportQueue}). An export streams from the store to the file with constant
 * memory, checks the chain on the way, reports progress, and finishes with the manifest; a month archive also takes
 * its month out of the trail.
 */
public final class AuditExportWriting implements ExportWork {

    static final Actor EXPORTER = Actor.system("audit-export");

    private final AuditExports exports;
    private final AuditExportFiles files;
    private final AuditTrailSearch search;
    private final AuditTrail auditTrail;
    private final AuditTrailPartitions partitions;
    private final SessionRecords records;
    private final Transactions transactions;
    private final Clock clock;

    public AuditExportWriting(AuditExports exports, AuditExportFiles files, AuditTrailSearch search,
                              AuditTrail auditTrail, AuditTrailPartitions partitions, SessionRecords records,
                              Transactions transactions, Clock clock) {
        this.exports = exports;
        this.files = files;
        this.search = search;
        this.auditTrail = auditTrail;
        this.partitions = partitions;
        this.records = records;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Set<ExportKind> kinds() {
        return EnumSet.of(ExportKind.AUDIT_EVENTS, ExportKind.INTERACTION_LOG, ExportKind.MONTH_ARCHIVE);
    }

    @Override
    public void write(UUID id, ExportRun run) {
        AuditExport export = transactions.inOne(() -> exports.find(id))
                .orElseThrow(() -> new ExportingAuditTrail.UnknownExport(id));
        ExportManifest manifest = write(export, run);
        files.writeManifest(manifest);
        transactions.inOne(() -> {
            if (export.kind() == ExportKind.MONTH_ARCHIVE) {
                partitions.detach(anchorOf(export, manifest));
            }
            // an archive is kept until someone moves it elsewhere; other exports expire
            run.finish(worker -> exports.complete(export.id(), worker, manifest, clock.instant(),
                    export.kind() == ExportKind.MONTH_ARCHIVE ? null : run.expiresAt()));
            auditTrail.append(new AuditEvent(EXPORTER, AuditAction.CREATE, entity(id), export.filter().patient(),
                    AuditOutcome.SUCCESS, clock.instant(), null, export.purpose(), null));
            return null;
        });
    }

    @Override
    public String failed(UUID id, RuntimeException failure) {
        Optional<AuditExport> export = exports.find(id);
        auditTrail.append(new AuditEvent(EXPORTER, AuditAction.CREATE, entity(id),
                export.map(e -> e.filter().patient()).orElse(null), AuditOutcome.FAILURE, clock.instant(), null,
                export.map(AuditExport::purpose).orElse(null), null));
        boolean archive = export.map(e -> e.kind() == ExportKind.MONTH_ARCHIVE).orElse(false);
        return archive && failure instanceof IllegalStateException ? failure.getMessage()
                : "the export could not be written; ask for it again";
    }

    @Override
    public void purged(UUID id) {
        auditTrail.append(new AuditEvent(EXPORTER, AuditAction.DELETE, entity(id), null, AuditOutcome.SUCCESS,
                clock.instant(), null, null, null));
    }

    private static EntityRef entity(UUID id) {
        return new EntityRef("AuditExport", id.toString());
    }

    /**
     * The anchor of an archived month, once its export is known to hold the whole month as one unbroken stretch of
     * the chain linked to what came before; otherwise the month stays in the trail and the archive fails.
     */
    private ArchiveAnchor anchorOf(AuditExport export, ExportManifest manifest) {
        StoredMonth month = partitions.months().stream().filter(m -> m.month().equals(export.month())).findFirst()
                .orElseThrow(() -> new IllegalStateException("month " + export.month() + " is no longer in the trail"));
        if (manifest.chain() instanceof ChainVerification.Broken broken) {
            throw new IllegalStateException("the chain of " + export.month() + " is broken at event "
                    + broken.sequence() + " (" + broken.kind() + "): the month was not archived");
        }
        if (manifest.events() != month.events() || !java.util.Objects.equals(manifest.lastSequence(),
                month.lastSequence())) {
            throw new IllegalStateException("the export of " + export.month() + " holds " + manifest.events()
                    + " events but the month " + month.events() + ": the month was not archived");
        }
        return new ArchiveAnchor(export.month(), manifest.firstSequence(), manifest.lastSequence(),
                manifest.events(), manifest.lastHash(), export.id(), manifest.sha256(), month.partition(),
                clock.instant());
    }

    private ExportManifest write(AuditExport export, ExportRun run) {
        try (AuditExportFiles.Writer writer = files.create(export)) {
            Tally tally = new Tally(export, run);
            if (export.kind() == ExportKind.INTERACTION_LOG) {
                CareSession session = records.sessions().find(export.session()).orElseThrow(
                        () -> new IllegalStateException("the session of interaction log " + export.id() + " is gone"));
                tally.record(writer, new InteractionRecord.Session(session));
                records.consents().historyOf(session.patient()).versions()
                        .forEach(consent -> tally.record(writer, new InteractionRecord.ConsentVersion(consent)));
                records.turns().of(session.id())
                        .forEach(turn -> tally.record(writer, new InteractionRecord.TurnTaken(turn)));
                records.escalations().ofSession(session.id()).forEach(
                        escalation -> tally.record(writer, new InteractionRecord.EscalationRaised(escalation)));
                records.violations().ofSession(session.id()).forEach(
                        violation -> tally.record(writer, new InteractionRecord.AnswerRefused(violation)));
                search.stream(export.filter(), event -> tally.auditRecord(writer, event));
            } else {
                // the database's cursor and the chain's check on this thread, the formatting and writing on another
                Relay.<ChainedAuditEvent>run("audit-export-" + export.id(),
                        handOver -> search.stream(export.filter(), event -> {
                            tally.check(event);
                            handOver.accept(event);
                        }),
                        event -> tally.written(writer, event));
            }
            ExportFiles.WrittenFile file = writer.finish();
            return tally.manifest(file);
        }
    }

    /** The stores an interaction log is drawn from, besides the audit trail. */
    public record SessionRecords(CareSessions sessions, Consents consents, Turns turns, Escalations escalations,
                                 GuardViolations violations) {
    }

    /** Counts what is written, checks the chain as it passes, and reports progress. */
    private final class Tally {
        private final AuditExport export;
        private final ExportRun run;
        private final boolean stretch;
        private long records;
        private long events;
        private ChainedAuditEvent first;
        private ChainedAuditEvent last;
        private ChainWalk walk;
        private ChainVerification.Broken altered;

        Tally(AuditExport export, ExportRun run) {
            this.export = export;
            this.run = run;
            this.stretch = export.kind() != ExportKind.INTERACTION_LOG && export.filter().isStretchOfTheChain();
        }

        /** An event written, once {@link #check checked} (which may run on another thread). */
        void written(AuditExportFiles.Writer writer, ChainedAuditEvent event) {
            writer.event(event);
            counted();
        }

        void auditRecord(AuditExportFiles.Writer writer, ChainedAuditEvent event) {
            writer.record(new InteractionRecord.Audited(event));
            check(event);
            counted();
        }

        void record(AuditExportFiles.Writer writer, InteractionRecord record) {
            writer.record(record);
            counted();
        }

        void check(ChainedAuditEvent event) {
            if (first == null) {
                first = event;
                walk = new ChainWalk(event.sequence() - 1, event.previousHash());
            }
            last = event;
            events++;
            if (stretch) {
                walk.next(event);
            } else if (altered == null && !AuditChain.holds(event)) {
                altered = new ChainVerification.Broken(event.sequence(), BreakKind.ALTERED, "event "
                        + event.sequence() + " does not match its hash", events - 1);
            }
        }

        private void counted() {
            run.progress(++records);
        }

        ExportManifest manifest(ExportFiles.WrittenFile file) {
            return new ExportManifest(export.id(), export.kind(), export.format(), export.gzip(), export.fileName(),
                    file.bytes(), file.sha256(), records, events, first == null ? null : first.sequence(),
                    last == null ? null : last.sequence(), first == null ? null : first.previousHash(),
                    first == null ? null : first.hash(), last == null ? null : last.hash(), stretch, verdict(),
                    export.filter(), export.session() == null ? null : export.session().toString(), export.purpose(),
                    clock.instant());
        }

        /** For a stretch of the chain, the walk over it and the anchor it starts from; else each event's hash. */
        private ChainVerification verdict() {
            if (first == null) {
                return new ChainVerification.Intact(0, null);
            }
            if (!stretch) {
                return altered != null ? altered : new ChainVerification.Intact(events, last.hash());
            }
            ChainVerification walked = walk.result();
            if (!walked.intact()) {
                return walked;
            }
            Optional<String> anchor = first.sequence() == 1 ? Optional.of(AuditChain.GENESIS)
                    : auditTrail.hashOf(first.sequence() - 1);
            if (anchor.isEmpty()) {
                return new ChainVerification.Broken(first.sequence() - 1, BreakKind.MISSING,
                        "the event before the export, which anchors it, is missing", 0);
            }
            if (!anchor.get().equals(first.previousHash())) {
                return new ChainVerification.Broken(first.sequence(), BreakKind.MISLINKED, "event "
                        + first.sequence() + " points at previous hash " + first.previousHash()
                        + " but the event before it has hash " + anchor.get(), 0);
            }
            return walked;
        }
    }
}
