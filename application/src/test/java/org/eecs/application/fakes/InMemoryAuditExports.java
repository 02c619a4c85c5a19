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
import org.eecs.application.port.export.ExportState;
import org.eecs.application.port.out.AuditExports;
import org.eecs.application.port.out.ExportJobs;

/** Exports in a map, claimed under a lease and renewed as table export_job does it. */
public final class InMemoryAuditExports implements AuditExports, ExportJobs {

    private final Map<UUID, AuditExport> exports = new LinkedHashMap<>();
    private final Map<UUID, String> workers = new LinkedHashMap<>();
    private final Map<UUID, Instant> leases = new LinkedHashMap<>();
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
    public synchronized Optional<Job> claim(String worker, Instant now, Instant leaseUntil) {
        Optional<AuditExport> next = exports.values().stream()
                .filter(e -> e.state() == ExportState.QUEUED || e.state() == ExportState.RUNNING
                        && leases.getOrDefault(e.id(), Instant.MIN).isBefore(now))
                .min(Comparator.comparing(AuditExport::requestedAt));
        next.ifPresent(e -> {
            workers.put(e.id(), worker);
            leases.put(e.id(), leaseUntil);
            exports.put(e.id(), with(e, ExportState.RUNNING, 0, null, null, null, null));
        });
        return next.map(e -> new Job(e.id(), e.kind()));
    }

    @Override
    public synchronized boolean renew(UUID id, String worker, long written, Instant leaseUntil) {
        if (!heldBy(id, worker)) {
            return false;
        }
        AuditExport e = exports.get(id);
        leases.put(id, leaseUntil);
        progressReports.add(written);
        exports.put(id, with(e, e.state(), written, null, null, null, null));
        return true;
    }

    @Override
    public synchronized Optional<ExportState> state(UUID id) {
        return find(id).map(AuditExport::state);
    }

    @Override
    public synchronized boolean complete(UUID id, String worker, ExportManifest manifest, Instant at,
                                         Instant expiresAt) {
        if (!heldBy(id, worker)) {
            return false;
        }
        exports.put(id, with(exports.get(id), ExportState.COMPLETED, manifest.records(), at, expiresAt, null,
                manifest));
        return true;
    }

    @Override
    public synchronized boolean fail(UUID id, String worker, String reason, Instant at, Instant expiresAt) {
        if (!heldBy(id, worker)) {
            return false;
        }
        AuditExport e = exports.get(id);
        exports.put(id, with(e, ExportState.FAILED, e.written(), at, expiresAt, reason, null));
        return true;
    }

    @Override
    public synchronized boolean holds(UUID id, String worker) {
        return heldBy(id, worker);
    }

    /** Running, and claimed last by this worker, as table export_job has it. */
    private boolean heldBy(UUID id, String worker) {
        AuditExport e = exports.get(id);
        return e != null && e.state() == ExportState.RUNNING && worker.equals(workers.get(id));
    }

    @Override
    public synchronized boolean cancel(UUID id, Instant at) {
        AuditExport e = exports.get(id);
        if (e == null || e.state() == ExportState.CANCELLED) {
            return false;
        }
        exports.put(id, with(e, ExportState.CANCELLED, e.written(), at, at, null, null));
        return true;
    }

    @Override
    public synchronized List<Job> expiredBy(Instant now) {
        return exports.values().stream().filter(e -> e.expiresAt() != null && !e.expiresAt().isAfter(now))
                .map(e -> new Job(e.id(), e.kind())).toList();
    }

    @Override
    public synchronized void remove(UUID id) {
        exports.remove(id);
    }

    private static AuditExport with(AuditExport e, ExportState state, long written, Instant finishedAt,
                                    Instant expiresAt, String failure, ExportManifest manifest) {
        return new AuditExport(e.id(), e.kind(), e.format(), e.gzip(), e.filter(), e.session(), e.month(),
                e.purpose(), e.requestedBy(), e.requestedAt(), state, written, finishedAt, expiresAt, failure,
                manifest);
    }
}
