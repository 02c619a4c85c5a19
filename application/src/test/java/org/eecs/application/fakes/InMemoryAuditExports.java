package org.eecs.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.out.AuditExports;

/** Exports in a map, claimed as table audit_export claims them. */
public final class InMemoryAuditExports implements AuditExports {

    private final Map<UUID, AuditExport> exports = new LinkedHashMap<>();
    private final Map<UUID, Instant> heartbeats = new LinkedHashMap<>();
    /** The records written, as each progress report gave them. */
    public final List<Long> progressReports = new ArrayList<>();

    @Override
    public synchronized void add(AuditExport export) {
        exports.put(export.id(), export);
    }

    @Override
    public synchronized Optional<AuditExport> find(UUID id) {
        return Optional.ofNullable(exports.get(id));
    }

    @Override
    public synchronized Optional<AuditExport> claimNext(Instant now, Instant staleBefore) {
        Optional<AuditExport> next = exports.values().stream()
                .filter(e -> e.state() == AuditExport.State.QUEUED || e.state() == AuditExport.State.RUNNING
                        && heartbeats.getOrDefault(e.id(), Instant.MIN).isBefore(staleBefore))
                .min(Comparator.comparing(AuditExport::requestedAt));
        next.ifPresent(e -> {
            heartbeats.put(e.id(), now);
            exports.put(e.id(), with(e, AuditExport.State.RUNNING, 0, null, null, null, null));
        });
        return next.map(e -> exports.get(e.id()));
    }

    @Override
    public synchronized void progress(UUID id, long written, Instant at) {
        AuditExport e = exports.get(id);
        heartbeats.put(id, at);
        progressReports.add(written);
        exports.put(id, with(e, e.state(), written, null, null, null, null));
    }

    @Override
    public synchronized void complete(UUID id, ExportManifest manifest, Instant at, Instant expiresAt) {
        AuditExport e = exports.get(id);
        exports.put(id, with(e, AuditExport.State.COMPLETED, manifest.records(), at, expiresAt, null, manifest));
    }

    @Override
    public synchronized void fail(UUID id, String reason, Instant at, Instant expiresAt) {
        AuditExport e = exports.get(id);
        exports.put(id, with(e, AuditExport.State.FAILED, e.written(), at, expiresAt, reason, null));
    }

    @Override
    public synchronized List<AuditExport> expiredBy(Instant now) {
        return exports.values().stream().filter(e -> e.expiresAt() != null && !e.expiresAt().isAfter(now)).toList();
    }

    @Override
    public synchronized void remove(UUID id) {
        exports.remove(id);
    }

    private static AuditExport with(AuditExport e, AuditExport.State state, long written, Instant finishedAt,
                                    Instant expiresAt, String failure, ExportManifest manifest) {
        return new AuditExport(e.id(), e.kind(), e.format(), e.gzip(), e.filter(), e.session(), e.month(),
                e.purpose(), e.requestedBy(), e.requestedAt(), state, written, finishedAt, expiresAt, failure,
                manifest);
    }
}
