package org.eecs.application.audit;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.export.InteractionRecord;
import org.eecs.application.port.in.RunningAuditExports;
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
 * Writes queued exports, one at a time per call, streaming from the store to the file with constant memory; checks
 * the chain on the way; reports progress about once a second; finishes with the manifest. Whichever instance claims
 * an export writes it; one whose writer stopped reporting is claimed again and written afresh.
 */
public final class AuditExportWriting implements RunningAuditExports {

    private static final System.Logger log = System.getLogger(AuditExportWriting.class.getName());
    static final Actor EXPORTER = Actor.system("audit-export");
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    /** A running export reports at least every second; one silent for this long has lost its writer. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private final AuditExports exports;
    private final AuditExportFiles files;
    private final AuditTrailSearch search;
    private final AuditTrail auditTrail;
    private final AuditTrailPartitions partitions;
    private final SessionRecords records;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration keptFor;

    public AuditExportWriting(AuditExports exports, AuditExportFiles files, AuditTrailSearch search, AuditTrail auditTrail,
                              AuditTrailPartitions partitions, SessionRecords records, Transactions transactions,
                              Clock clock, Duration keptFor) {
        this.exports = exports;
        this.files = files;
        this.search = search;
        this.auditTrail = auditTrail;
        this.partitions = partitions;
        this.records = records;
        this.transactions = transactions;
        this.clock = clock;
        this.keptFor = keptFor;
    }

    @Override
    public boolean writeNext() {
        Instant now = clock.instant();
        Optional<AuditExport> claimed = transactions.inSeparateOne(
                () -> exports.claimNext(now, now.minus(STALE_AFTER)));
        if (claimed.isEmpty()) {
            return false;
        }
        AuditExport export = claimed.get();
        EntityRef entity = new EntityRef("AuditExport", export.id().toString());
        try {
            ExportManifest manifest = write(export);
            files.writeManifest(manifest);
            transactions.inOne(() -> {
                if (export.kind() == AuditExport.Kind.MONTH_ARCHIVE) {
                    partitions.detach(anchorOf(export, manifest));
                }
                // an archive is kept until someone moves it elsewhere; other exports expire
                exports.complete(export.id(), manifest, clock.instant(),
                        export.kind() == AuditExport.Kind.MONTH_ARCHIVE ? null : clock.instant().plus(keptFor));
                auditTrail.append(new AuditEvent(EXPORTER, AuditAction.CREATE, entity, export.filter().patient(),
                        AuditOutcome.SUCCESS, clock.instant(), null, export.purpose(), null));
                return null;
            });
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "export " + export.id() + " failed", e);
            files.delete(export);
            String reason = export.kind() == AuditExport.Kind.MONTH_ARCHIVE && e instanceof IllegalStateException
                    ? e.getMessage() : "the export could not be written; ask for it again";
            transactions.inOne(() -> {
                exports.fail(export.id(), reason,
                        clock.instant(), clock.instant().plus(keptFor));
                auditTrail.append(new AuditEvent(EXPORTER, AuditAction.CREATE, entity, export.filter().patient(),
                        AuditOutcome.FAILURE, clock.instant(), null, export.purpose(), null));
                return null;
            });
        }
        return true;
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

    @Override
    public int purgeExpired() {
        List<AuditExport> expired = exports.expiredBy(clock.instant());
        for (AuditExport export : expired) {
            files.delete(export);
            transactions.inOne(() -> {
                exports.remove(export.id());
                auditTrail.append(new AuditEvent(EXPORTER, AuditAction.DELETE,
                        new EntityRef("AuditExport", export.id().toString()), null, AuditOutcome.SUCCESS,
                        clock.instant(), null, null, null));
                return null;
            });
        }
        return expired.size();
    }

    private ExportManifest write(AuditExport export) {
        try (AuditExportFiles.Writer writer = files.create(export)) {
            Tally tally = new Tally(export);
            if (export.kind() == AuditExport.Kind.INTERACTION_LOG) {
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
                search.stream(export.filter(), event -> tally.event(writer, event));
            }
            AuditExportFiles.WrittenFile file = writer.finish();
            return tally.manifest(file);
        }
    }

    /** The stores an interaction log is drawn from, besides the audit trail. */
    public record SessionRecords(CareSessions sessions, Consents consents, Turns turns, Escalations escalations,
                                 GuardViolations violations) {
    }

    /** Counts what is written, checks the chain as it passes, and reports progress now and then. */
    private final class Tally {
        private final AuditExport export;
        private final boolean stretch;
        private long records;
        private long events;
        private ChainedAuditEvent first;
        private ChainedAuditEvent last;
        private ChainWalk walk;
        private ChainVerification.Broken altered;
        private Instant nextReport;

        Tally(AuditExport export) {
            this.export = export;
            this.stretch = export.kind() != AuditExport.Kind.INTERACTION_LOG && export.filter().isStretchOfTheChain();
            this.nextReport = clock.instant().plus(PROGRESS_EVERY);
        }

        void event(AuditExportFiles.Writer writer, ChainedAuditEvent event) {
            writer.event(event);
            check(event);
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

        private void check(ChainedAuditEvent event) {
            if (first == null) {
                first = event;
                walk = new ChainWalk(event.sequence() - 1, event.previousHash());
            }
            last = event;
            events++;
            if (stretch) {
                walk.next(event);
            } else if (altered == null && !AuditChain.hash(event.previousHash(), event.event()).equals(event.hash())) {
                altered = new ChainVerification.Broken(event.sequence(), BreakKind.ALTERED, "event "
                        + event.sequence() + " does not match its hash", events - 1);
            }
        }

        private void counted() {
            records++;
            if ((records & 1023) == 0 && clock.instant().isAfter(nextReport)) {
                long written = records;
                transactions.inSeparateOne(() -> {
                    exports.progress(export.id(), written, clock.instant());
                    return null;
                });
                nextReport = clock.instant().plus(PROGRESS_EVERY);
            }
        }

        ExportManifest manifest(AuditExportFiles.WrittenFile file) {
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
