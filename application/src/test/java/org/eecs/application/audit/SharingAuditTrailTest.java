package org.eecs.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.NotPermitted;
import org.eecs.application.port.in.SharingAuditTrail.AuditEventPage;
import org.eecs.application.port.in.SharingAuditTrail.Paging;
import org.eecs.application.port.in.SharingAuditTrail.UnknownAuditEvent;
import org.eecs.application.port.out.AuditTrailSearch.Order;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.junit.jupiter.api.Test;

/**
 * The audit trail shared as FHIR AuditEvents: who may read it, how its pages go, and how every look at it is
 * itself audited, with each patient whose events it showed.
 */
class SharingAuditTrailTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Caller AUDITOR = Hospital.caller("auditor-ada", Role.AUDITOR);
    private static final Caller HOSPITAL = Hospital.caller("his", Role.INTEGRATION);

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final AuditSearch sharing = new AuditSearch(hospital.auditTrail, hospital.access, hospital.transactions);
    private final PatientId rose = PatientId.newId();
    private final PatientId sam = PatientId.newId();

    /** Six reads by dr-li: Rose, Sam, none, Rose, Sam, none; returns the head's sequence before them. */
    private long sixReads() {
        long before = hospital.auditTrail.headSequence();
        PatientId[] patients = {rose, sam, null};
        for (int i = 0; i < 6; i++) {
            PatientId patient = patients[i % 3];
            hospital.auditTrail.append(new AuditEvent(new Actor("dr-li", Role.CLINICIAN), AuditAction.READ,
                    patient == null ? new EntityRef("Robot", "r1") : EntityRef.patient(patient), patient,
                    AuditOutcome.SUCCESS, NOW.minusSeconds(60 - i), "10.0.0.1", "treatment", "req-" + i));
        }
        return before;
    }

    @Test
    void anAuditorReadsAnEvent_andTheReadIsAuditedWithItsPatient() {
        long before = sixReads();

        ChainedAuditEvent read = sharing.read(AUDITOR, before + 1);

        assertThat(read.event().patient()).isEqualTo(rose);
        assertThat(hospital.auditTrail.writtenAfter(before + 6)).singleElement().satisfies(audited -> {
            assertThat(audited.actor()).isEqualTo(AUDITOR.actor());
            assertThat(audited.entity()).isEqualTo(new EntityRef("AuditEvent", Long.toString(before + 1)));
            assertThat(audited.patient()).isEqualTo(rose);
        });
    }

    @Test
    void theHospitalsSystemMayReadToo_aClinicianMayNot_andTheRefusalIsAudited() {
        long before = sixReads();

        assertThat(sharing.read(HOSPITAL, before + 2).event().patient()).isEqualTo(sam);
        assertThatThrownBy(() -> sharing.read(Hospital.clinician("dr-li"), before + 2))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> sharing.search(Hospital.clinician("dr-li"), AuditFilter.all(),
                new Paging(null, null, 10, Order.OLDEST_FIRST), "AuditEvent")).isInstanceOf(NotPermitted.class);

        assertThat(hospital.auditTrail.writtenAfter(before + 7)).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.DENIED, AuditOutcome.DENIED);
    }

    @Test
    void anUnknownEventIsNotFound_andTheAttemptIsAudited() {
        long before = sixReads();

        assertThatThrownBy(() -> sharing.read(AUDITOR, before + 100)).isInstanceOf(UnknownAuditEvent.class);
        assertThatThrownBy(() -> sharing.read(AUDITOR, 0)).isInstanceOf(UnknownAuditEvent.class);

        assertThat(hospital.auditTrail.writtenAfter(before + 6)).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.FAILURE, AuditOutcome.FAILURE);
    }

    @Test
    void pagesGoForwardAndBack_andEachSearchIsAuditedOncePerPatientItShowed() {
        long before = sixReads();
        AuditFilter byDrLi = AuditFilter.all().withActor("dr-li", null);

        AuditEventPage first = sharing.search(AUDITOR, byDrLi, new Paging(null, null, 4, Order.OLDEST_FIRST), "q1");
        long afterFirst = hospital.auditTrail.headSequence();
        AuditEventPage second = sharing.search(AUDITOR, byDrLi, new Paging(first.last(), null, 4,
                Order.OLDEST_FIRST), "q2");
        AuditEventPage back = sharing.search(AUDITOR, byDrLi, new Paging(null, second.first(), 4,
                Order.OLDEST_FIRST), "q3");

        assertThat(first.events()).extracting(ChainedAuditEvent::sequence)
                .containsExactly(before + 1, before + 2, before + 3, before + 4);
        assertThat(first.hasPrevious()).isFalse();
        assertThat(first.hasNext()).isTrue();
        assertThat(second.events()).extracting(ChainedAuditEvent::sequence).containsExactly(before + 5, before + 6);
        assertThat(second.hasPrevious()).isTrue();
        assertThat(second.hasNext()).isFalse();
        assertThat(back.events()).isEqualTo(first.events());
        List<AuditEvent> firstAudited = hospital.auditTrail.writtenAfter(before + 6).stream()
                .filter(e -> e.entity().id().equals("q1")).toList();
        assertThat(firstAudited).extracting(AuditEvent::patient).containsExactly(rose, sam);
        assertThat(firstAudited).allSatisfy(e -> assertThat(e.entity().type()).isEqualTo("AuditEventSearch"));
        assertThat(hospital.auditTrail.writtenAfter(afterFirst)).filteredOn(e -> e.entity().id().equals("q2"))
                .extracting(AuditEvent::patient).as("the second page shows Sam's event and one of no patient")
                .containsExactly(sam);
    }

    @Test
    void aSearchThatShowsNoPatientIsAuditedOnce_withoutOne() {
        long before = sixReads();

        AuditEventPage page = sharing.search(HOSPITAL, AuditFilter.all().withEntity("Robot", null),
                new Paging(null, null, 10, Order.NEWEST_FIRST), "AuditEvent?robots");

        assertThat(page.events()).extracting(ChainedAuditEvent::sequence).containsExactly(before + 6, before + 3);
        assertThat(hospital.auditTrail.writtenAfter(before + 6)).singleElement()
                .satisfies(e -> assertThat(e.patient()).isNull());
    }
}
