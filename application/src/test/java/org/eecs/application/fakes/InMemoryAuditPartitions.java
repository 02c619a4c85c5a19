package org.eecs.application.fakes;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eecs.application.port.out.AuditTrailPartitions;
import org.eecs.domain.audit.ChainedAuditEvent;

/** The months of an in-memory trail, by each event's own time (UTC), as the partitions of table audit_event. */
public final class InMemoryAuditPartitions implements AuditTrailPartitions {

    private final InMemoryAuditTrail trail;
    private final TreeSet<YearMonth> prepared = new TreeSet<>();
    private final List<ArchiveAnchor> anchors = new ArrayList<>();

    public InMemoryAuditPartitions(InMemoryAuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public synchronized void prepare(YearMonth first, int months) {
        for (int i = 0; i < months; i++) {
            prepared.add(first.plusMonths(i));
        }
    }

    @Override
    public synchronized List<StoredMonth> months() {
        TreeMap<YearMonth, List<ChainedAuditEvent>> byMonth = new TreeMap<>();
        prepared.forEach(month -> byMonth.put(month, new ArrayList<>()));
        for (ChainedAuditEvent event : trail.events()) {
            byMonth.computeIfAbsent(YearMonth.from(event.event().at().atZone(ZoneOffset.UTC)), m -> new ArrayList<>())
                    .add(event);
        }
        return byMonth.entrySet().stream().map(m -> new StoredMonth(m.getKey(), "audit_event_" + m.getKey(),
                m.getValue().size(), m.getValue().isEmpty() ? null : m.getValue().getFirst().sequence(),
                m.getValue().isEmpty() ? null : m.getValue().getLast().sequence())).toList();
    }

    @Override
    public synchronized void detach(ArchiveAnchor anchor) {
        trail.archive(anchor.firstSequence(), anchor.lastSequence(), anchor.lastHash());
        prepared.remove(anchor.month());
        anchors.add(anchor);
    }

    @Override
    public synchronized List<ArchiveAnchor> anchors() {
        return List.copyOf(anchors);
    }

    public synchronized List<YearMonth> prepared() {
        return List.copyOf(prepared);
    }
}
