package org.eecs.application.fakes;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eecs.application.port.out.CareRecords;
import org.eecs.application.port.records.CareRecord;
import org.eecs.application.port.records.Keyset;
import org.eecs.application.port.records.RecordCriteria;
import org.eecs.application.port.records.RecordType;
import org.eecs.domain.patient.PatientId;

/**
 * The care records of the other in-memory stores (patients, sessions, consents, robots) as the hospital sees them,
 * each at version 1 and last changed at one instant, so that they sort by id. Filters by ids, patients, hospital
 * identifiers and care team; emotion observations and ratings it has none of.
 */
public final class InMemoryCareRecords implements CareRecords {

    private final InMemoryPatients patients;
    private final InMemoryCareSessions sessions;
    private final InMemoryConsents consents;
    private final InMemoryRobots robots;
    private final InMemoryCareTeams careTeams;
    private final Instant changed;

    public InMemoryCareRecords(InMemoryPatients patients, InMemoryCareSessions sessions, InMemoryConsents consents,
                               InMemoryRobots robots, InMemoryCareTeams careTeams, Instant changed) {
        this.patients = patients;
        this.sessions = sessions;
        this.consents = consents;
        this.robots = robots;
        this.careTeams = careTeams;
        this.changed = changed;
    }

    @Override
    public Optional<CareRecord> find(RecordType type, String id) {
        return all(type).filter(record -> record.id().equals(id)).findFirst();
    }

    @Override
    public Optional<CareRecord> consentVersion(PatientId patient, int version) {
        return consents.historyOf(patient).versions().stream().filter(consent -> consent.version() == version)
                .findFirst().map(CareRecord.ConsentRecord::new);
    }

    @Override
    public List<CareRecord> page(RecordType type, RecordCriteria criteria, Keyset from, boolean descending,
                                 int limit) {
        Comparator<CareRecord> order = Comparator.comparing(CareRecord::keyset);
        return matching(type, criteria)
                .filter(record -> from == null || (descending ? record.keyset().compareTo(from) < 0
                        : record.keyset().compareTo(from) > 0))
                .sorted(descending ? order.reversed() : order)
                .limit(limit)
                .toList();
    }

    @Override
    public void stream(RecordType type, RecordCriteria criteria, Consumer<CareRecord> each) {
        matching(type, criteria).sorted(Comparator.comparing(CareRecord::keyset)).forEach(each);
    }

    @Override
    public void patientsOf(RecordType type, RecordCriteria criteria, Consumer<PatientId> each) {
        matching(type, criteria).map(CareRecord::patient).filter(java.util.Objects::nonNull).distinct().forEach(each);
    }

    private Stream<CareRecord> matching(RecordType type, RecordCriteria criteria) {
        return all(type)
                .filter(record -> criteria.ids().isEmpty() || criteria.ids().contains(record.id()))
                .filter(record -> record.patient() == null || criteria.patients().isEmpty()
                        || criteria.patients().contains(record.patient()))
                .filter(record -> record.patient() == null || criteria.careTeamMember() == null
                        || careTeams.of(record.patient()).includes(criteria.careTeamMember()))
                .filter(record -> criteria.identifiers().isEmpty()
                        || record instanceof CareRecord.PatientRecord patient
                        && criteria.identifiers().contains(patient.value().hospitalIdentifier()));
    }

    private Stream<CareRecord> all(RecordType type) {
        return switch (type) {
            case PATIENT -> patients.all().stream().map(patient -> new CareRecord.PatientRecord(patient, 1, changed));
            case CARE_SESSION -> sessions.all().stream()
                    .map(session -> new CareRecord.SessionRecord(session, 1, changed));
            case CONSENT -> patients.all().stream()
                    .flatMap(patient -> consents.historyOf(patient.id()).current().stream())
                    .map(CareRecord.ConsentRecord::new);
            case ROBOT -> robots.all().stream().map(robot -> new CareRecord.RobotRecord(robot, changed));
            case EMOTION_OBSERVATION, CARE_EXPERIENCE_RATING -> Stream.empty();
        };
    }
}
