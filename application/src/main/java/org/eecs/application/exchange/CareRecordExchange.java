package org.eecs.application.exchange;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.ReceivingHospitalRecords;
import org.eecs.application.port.in.SharingCareRecords;
import org.eecs.application.port.in.UnknownPatient;
import org.eecs.application.port.in.UnknownRecord;
import org.eecs.application.port.in.VersionConflict;
import org.eecs.application.port.out.CareRecords;
import org.eecs.application.port.out.Consents;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Transactions;
import org.eecs.application.port.records.CareRecord;
import org.eecs.application.port.records.CareRecord.ConsentRecord;
import org.eecs.application.port.records.CareRecord.PatientRecord;
import org.eecs.application.port.records.CareRecord.SessionRecord;
import org.eecs.application.port.records.Keyset;
import org.eecs.application.port.records.RecordCriteria;
import org.eecs.application.port.records.RecordPage;
import org.eecs.application.port.records.RecordSearch;
import org.eecs.application.port.records.RecordType;
import org.eecs.application.port.records.TimeRange;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.consent.ConsentStatus;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;

/**
 * The exchange of care records with the hospital's information system: reads and searches for it (and for
 * clinicians, within their care team), and the patients and consents it registers. Every read and search is
 * audited with each patient it touched, one event per patient, as IHE's Basic Audit Log Patterns ask: a search's
 * events name the query, so an auditor sees who looked for what and whose records came back.
 */
public final class CareRecordExchange implements SharingCareRecords, ReceivingHospitalRecords {

    static final Set<Role> READERS = Set.of(Role.INTEGRATION, Role.CLINICIAN);
    /** The order in which a patient's records are handed over by {@link #everything}. */
    private static final List<RecordType> PATIENT_COMPARTMENT = List.of(RecordType.CONSENT, RecordType.CARE_SESSION,
            RecordType.EMOTION_OBSERVATION, RecordType.CARE_EXPERIENCE_RATING);

    private final CareRecords records;
    private final Patients patients;
    private final Consents consents;
    private final CareRecordAccess access;
    private final Transactions transactions;
    private final Clock clock;

    public CareRecordExchange(CareRecords records, Patients patients, Consents consents, CareRecordAccess access,
                              Transactions transactions, Clock clock) {
        this.records = records;
        this.patients = patients;
        this.consents = consents;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public CareRecord read(Caller caller, RecordType type, String id) {
        EntityRef entity = new EntityRef(type.entityType(), id);
        access.requireOneOf(caller, READERS, AuditAction.READ, entity);
        return transactions.inOne(() -> open(caller, entity, records.find(type, id),
                () -> new UnknownRecord(type, id)));
    }

    @Override
    public CareRecord readVersion(Caller caller, RecordType type, String id, long version) {
        EntityRef entity = new EntityRef(type.entityType(), id + "/" + version);
        access.requireOneOf(caller, READERS, AuditAction.READ, entity);
        return transactions.inOne(() -> {
            Optional<CareRecord> found = type == RecordType.CONSENT
                    ? consentVersion(id, version)
                    : records.find(type, id).filter(record -> record.version() == version);
            return open(caller, entity, found, () -> new UnknownRecord(type, id, version));
        });
    }

    @Override
    public RecordPage search(Caller caller, RecordSearch search, String query) {
        EntityRef entity = new EntityRef("CareRecordSearch", cut(query == null || query.isBlank() ? "all" : query));
        access.requireOneOf(caller, READERS, AuditAction.READ, entity);
        RecordCriteria criteria = caller.actsAs(Role.CLINICIAN)
                ? search.criteria().withCareTeamMember(caller.clinician()) : search.criteria();
        return transactions.inOne(() -> {
            boolean backwards = search.before() != null;
            Keyset from = backwards ? search.before() : search.after();
            boolean descending = search.descending() != backwards;
            List<CareRecord> found = new ArrayList<>();
            for (RecordType type : search.types()) {
                found.addAll(records.page(type, criteria, from, descending, search.count() + 1));
            }
            Comparator<CareRecord> order = Comparator.comparing(CareRecord::keyset);
            found.sort(descending ? order.reversed() : order);
            boolean more = found.size() > search.count();
            List<CareRecord> page = new ArrayList<>(found.subList(0, Math.min(search.count(), found.size())));
            if (backwards) {
                Collections.reverse(page);
            }
            List<CareRecord> included = search.includePatients() ? patientsOf(page) : List.of();
            auditTouched(caller, entity, page, included);
            return new RecordPage(page, included, backwards ? more : search.after() != null, !backwards ? more : true);
        });
    }

    @Override
    public void everything(Caller caller, PatientId patient, Set<RecordType> types, TimeRange changed,
                           Consumer<CareRecord> each) {
        EntityRef entity = new EntityRef("CareRecord", patient.toString());
        access.requireOneOf(caller, READERS, AuditAction.READ, entity);
        Set<RecordType> wanted = types.isEmpty() ? EnumSet.allOf(RecordType.class) : EnumSet.copyOf(types);
        transactions.inOne(() -> {
            CareRecord found = open(caller, entity, records.find(RecordType.PATIENT, patient.toString()),
                    () -> new UnknownPatient(patient));
            each.accept(found);
            RecordCriteria criteria = RecordCriteria.ANY.withPatients(Set.of(patient)).withLastUpdated(changed);
            Set<String> robots = new TreeSet<>();
            for (RecordType type : PATIENT_COMPARTMENT) {
                if (wanted.contains(type)) {
                    records.stream(type, criteria, record -> {
                        if (record instanceof SessionRecord session) {
                            robots.add(session.value().robot().value());
                        }
                        each.accept(record);
                    });
                }
            }
            if (wanted.contains(RecordType.ROBOT)) {
                robots.forEach(robot -> records.find(RecordType.ROBOT, robot).ifPresent(each));
            }
            return null;
        });
    }

    @Override
    public Registration registerPatient(RegisterHospitalPatient command) {
        Caller caller = command.caller();
        Patient candidate = Patient.registerFromHospital(command.identifier(), command.alias(), command.birthYear(),
                command.gender(), command.preferredLanguage());
        access.requireRole(caller, Role.INTEGRATION, AuditAction.CREATE, EntityRef.patient(candidate.id()));
        return transactions.inOne(() -> {
            Optional<Patient> existing = patients.findByHospitalIdentifier(command.identifier());
            if (existing.isPresent()) {
                if (!command.onlyIfAbsent()) {
                    throw new Conflict("identifier-in-use", "a patient with the identifier " + command.identifier()
                            + " is registered already");
                }
                PatientId id = existing.get().id();
                access.record(caller, AuditAction.READ, EntityRef.patient(id), id);
                return new Registration(patientRecord(id), false);
            }
            patients.save(candidate);
            access.record(caller, AuditAction.CREATE, EntityRef.patient(candidate.id()), candidate.id());
            return new Registration(patientRecord(candidate.id()), true);
        });
    }

    @Override
    public ConsentRecord recordConsent(RecordHospitalConsent command) {
        Caller caller = command.caller();
        PatientId patient = command.patient();
        access.requireRole(caller, Role.INTEGRATION, AuditAction.CREATE, new EntityRef("Consent", patient.toString()));
        return transactions.inOne(() -> {
            if (patients.find(patient).isEmpty()) {
                access.missing(caller, AuditAction.CREATE, new EntityRef("Consent", patient.toString()));
                throw new UnknownPatient(patient);
            }
            ConsentHistory history = consents.historyOf(patient);
            long current = history.versions().size();
            if (command.expectedVersion() != null && command.expectedVersion() != current) {
                throw new VersionConflict("the consent of patient " + patient, command.expectedVersion(), current);
            }
            // the account of the hospital's system that passed the consent on is who recorded it here
            ClinicianId recorder = new ClinicianId(caller.actor().id());
            Consent next = command.status() == ConsentStatus.GRANTED
                    ? history.grant(command.scopes(), command.recordingRetention(), clock.instant(), recorder)
                    : history.withdraw(clock.instant(), recorder);
            consents.append(next);
            access.record(caller, current == 0 ? AuditAction.CREATE : AuditAction.UPDATE,
                    new EntityRef("Consent", patient + "/" + next.version()), patient);
            return new ConsentRecord(next);
        });
    }

    /** The record if the caller may see it, audited as read; else refused (and audited) as if it did not exist. */
    private CareRecord open(Caller caller, EntityRef entity, Optional<CareRecord> found,
                            Supplier<RuntimeException> unknown) {
        if (found.isEmpty()) {
            access.missing(caller, AuditAction.READ, entity);
            throw unknown.get();
        }
        PatientId patient = found.get().patient();
        if (patient != null && !access.shares(caller, patient)) {
            access.refused(caller, AuditAction.READ, entity, patient);
            throw unknown.get();
        }
        access.record(caller, AuditAction.READ, entity, patient);
        return found.get();
    }

    private Optional<CareRecord> consentVersion(String id, long version) {
        try {
            return version < 1 || version > Integer.MAX_VALUE ? Optional.empty()
                    : records.consentVersion(PatientId.of(id), (int) version);
        } catch (DomainViolation notAPatientId) {
            return Optional.empty();
        }
    }

    private PatientRecord patientRecord(PatientId id) {
        return (PatientRecord) records.find(RecordType.PATIENT, id.toString()).orElseThrow();
    }

    /** The patients the page's records are about, other than those on the page itself. */
    private List<CareRecord> patientsOf(List<CareRecord> page) {
        Set<PatientId> listed = new LinkedHashSet<>();
        Set<PatientId> wanted = new LinkedHashSet<>();
        for (CareRecord record : page) {
            if (record instanceof PatientRecord) {
                listed.add(record.patient());
            } else if (record.patient() != null) {
                wanted.add(record.patient());
            }
        }
        wanted.removeAll(listed);
        return wanted.stream()
                .map(patient -> records.find(RecordType.PATIENT, patient.toString()))
                .flatMap(Optional::stream)
                .toList();
    }

    private void auditTouched(Caller caller, EntityRef entity, List<CareRecord> page, List<CareRecord> included) {
        Set<PatientId> touched = new LinkedHashSet<>();
        page.forEach(record -> touched.add(record.patient()));
        included.forEach(record -> touched.add(record.patient()));
        touched.remove(null);
        if (touched.isEmpty()) {
            access.record(caller, AuditAction.READ, entity, null);
        }
        touched.forEach(patient -> access.record(caller, AuditAction.READ, entity, patient));
    }

    private static String cut(String text) {
        return text.length() <= EntityRef.MAX_ID_LENGTH ? text : text.substring(0, EntityRef.MAX_ID_LENGTH);
    }
}
