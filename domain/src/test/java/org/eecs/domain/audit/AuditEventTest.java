package org.eecs.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.domain.audit.AuditFixtures.AT;
import static org.eecs.domain.audit.AuditFixtures.DR_CHEN;
import static org.eecs.domain.audit.AuditFixtures.ROSE;
import static org.eecs.domain.audit.AuditFixtures.readingRose;
import static org.eecs.domain.audit.AuditFixtures.withPurpose;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    private static AuditEvent event(Actor actor, EntityRef entity, String sourceAddress, String purpose, String requestId) {
        return new AuditEvent(actor, AuditAction.UPDATE, entity, null, AuditOutcome.SUCCESS, AT, sourceAddress, purpose,
                requestId);
    }

    private static final EntityRef SESSION = new EntityRef("CareSession", "s-1");

    @Test
    void canonicalFormIsTheDocumentedVersionOneText() {
        assertThat(readingRose().canonicalForm()).isEqualTo("""
                eecs-audit-event/v1
                actor.id=dr.chen
                actor.role=CLINICIAN
                action=READ
                entity.type=Patient
                entity.id=123e4567-e89b-12d3-a456-426614174000
                patient=123e4567-e89b-12d3-a456-426614174000
                outcome=SUCCESS
                at=2025-03-01T09:30:00.123456Z
                sourceAddress=10.0.0.7
                purpose=care
                requestId=\\N
                end""");
    }

    @Test
    void instantIsKeptToTheMicrosecondThatPostgresStores() {
        assertThat(readingRose().at()).isEqualTo(Instant.parse("2025-03-01T09:30:00.123456Z"));
    }

    @Test
    void instantAlwaysHasSixFractionalDigitsInUtc() {
        AuditEvent onTheSecond = new AuditEvent(DR_CHEN, AuditAction.LOGIN, new EntityRef("Session", "x"), null,
                AuditOutcome.SUCCESS, Instant.parse("2025-03-01T09:30:00Z"), null, null, null);

        assertThat(onTheSecond.canonicalForm()).contains("\nat=2025-03-01T09:30:00.000000Z\n");
    }

    @Test
    void canonicalFormIsDeterministic() {
        assertThat(readingRose().canonicalForm()).isEqualTo(readingRose().canonicalForm());
        assertThat(readingRose()).isEqualTo(readingRose());
    }

    @Test
    void everyFieldChangesTheCanonicalForm() {
        String original = readingRose().canonicalForm();
        AuditEvent e = readingRose();

        assertThat(new AuditEvent(new Actor("dr.chen", Role.AUDITOR), e.action(), e.entity(), e.patient(), e.outcome(),
                e.at(), e.sourceAddress(), e.purpose(), e.requestId()).canonicalForm()).isNotEqualTo(original);
        assertThat(new AuditEvent(e.actor(), AuditAction.UPDATE, e.entity(), e.patient(), e.outcome(),
                e.at(), e.sourceAddress(), e.purpose(), e.requestId()).canonicalForm()).isNotEqualTo(original);
        assertThat(new AuditEvent(e.actor(), e.action(), e.entity(), null, e.outcome(),
                e.at(), e.sourceAddress(), e.purpose(), e.requestId()).canonicalForm()).isNotEqualTo(original);
        assertThat(new AuditEvent(e.actor(), e.action(), e.entity(), e.patient(), AuditOutcome.DENIED,
                e.at(), e.sourceAddress(), e.purpose(), e.requestId()).canonicalForm()).isNotEqualTo(original);
        assertThat(new AuditEvent(e.actor(), e.action(), e.entity(), e.patient(), e.outcome(),
                e.at().plusNanos(1_000), e.sourceAddress(), e.purpose(), e.requestId()).canonicalForm()).isNotEqualTo(original);
        assertThat(new AuditEvent(e.actor(), e.action(), e.entity(), e.patient(), e.outcome(),
                e.at(), e.sourceAddress(), e.purpose(), "req-1").canonicalForm()).isNotEqualTo(original);
    }

    @Test
    void absentValueDiffersFromEmptyText() {
        assertThat(withPurpose(null).canonicalForm()).contains("\npurpose=\\N\n");
        assertThat(withPurpose("").canonicalForm()).contains("\npurpose=\n");
    }

    @Test
    void textThatLooksLikeTheAbsentMarkerIsNotTakenForIt() {
        assertThat(withPurpose("\\N").canonicalForm())
                .contains("\npurpose=\\u005CN\n")
                .isNotEqualTo(withPurpose(null).canonicalForm());
    }

    @Test
    void newlineInAValueCannotForgeTheNextField() {
        AuditEvent forged = event(DR_CHEN, SESSION, null, "care\nrequestId=r-9", null);
        AuditEvent honest = event(DR_CHEN, SESSION, null, "care", "r-9");

        assertThat(forged.canonicalForm()).isNotEqualTo(honest.canonicalForm());
        assertThat(forged.canonicalForm()).contains("\npurpose=care\\u000ArequestId\\u003Dr-9\n");
        assertThat(forged.canonicalForm().lines()).hasSize(13);
    }

    @Test
    void valuesThatWouldCollideWhenSimplyConcatenated_stayDistinct() {
        // Naively joined, both read "ab" + "c" == "a" + "bc".
        AuditEvent first = event(new Actor("ab", Role.CLINICIAN), new EntityRef("Patient", "c"), null, null, null);
        AuditEvent second = event(new Actor("a", Role.CLINICIAN), new EntityRef("Patient", "bc"), null, null, null);

        assertThat(first.canonicalForm()).isNotEqualTo(second.canonicalForm());
    }

    @Test
    void equalsSignAndCarriageReturnAreEscaped() {
        AuditEvent sneaky = event(new Actor("x\r\nactor.role=ADMIN", Role.INTEGRATION), SESSION, "1.2.3.4=5", null, null);

        assertThat(sneaky.canonicalForm())
                .contains("\nactor.id=x\\u000D\\u000Aactor.role\\u003DADMIN\n")
                .contains("\nactor.role=INTEGRATION\n")
                .contains("\nsourceAddress=1.2.3.4\\u003D5\n")
                .doesNotContain("\nactor.role=ADMIN");
        assertThat(sneaky.canonicalForm().lines()).hasSize(13);
    }

    @Test
    void unicodeLineSeparatorsAreEscapedButOtherTextIsKept() {
        AuditEvent e = withPurpose("Pflege\u2028für Rose — 护理");

        assertThat(e.canonicalForm()).contains("\npurpose=Pflege\\u2028für Rose — 护理\n");
    }

    @Test
    void canonicalTimeIsWhatTheDocumentedPatternWrites_forAnyInstant() {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
                .withZone(ZoneOffset.UTC);
        Random random = new Random(42);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, AT, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.000001Z"), Instant.parse("2024-02-29T12:00:00.000100Z")));
        for (int i = 0; i < 10_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_402_300_799L),
                    random.nextInt(1_000_000) * 1000L));
        }

        instants.forEach(at -> assertThat(AuditEvent.canonicalTime(at)).isEqualTo(pattern.format(at)));
    }

    @Test
    void everyCharacterIsEscapedAsTheDocumentedFormatSays() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            boolean escaped = c == '\\' || c == '=' || Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            String expected = escaped ? String.format(Locale.ROOT, "\\u%04X", (int) c) : String.valueOf(c);
            assertThat(withPurpose("a" + c).canonicalForm()).contains("\npurpose=a" + expected + "\n");
        }
    }

    @Test
    void optionalTextsAreBounded() {
        assertThatThrownBy(() -> withPurpose("p".repeat(256)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("purpose must be at most 255 characters");
        assertThatThrownBy(() -> event(DR_CHEN, SESSION, null, null, "r".repeat(256)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("requestId");
        assertThatThrownBy(() -> event(DR_CHEN, SESSION, "s".repeat(256), null, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("sourceAddress");
    }

    @Test
    void whoWhatWhichOutcomeAndWhenAreRequired() {
        assertThatThrownBy(() -> new AuditEvent(null, AuditAction.READ, SESSION, null, AuditOutcome.SUCCESS, AT, null, null, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("actor");
        assertThatThrownBy(() -> new AuditEvent(DR_CHEN, null, SESSION, null, AuditOutcome.SUCCESS, AT, null, null, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("audit action");
        assertThatThrownBy(() -> new AuditEvent(DR_CHEN, AuditAction.READ, null, null, AuditOutcome.SUCCESS, AT, null, null, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("entity");
        assertThatThrownBy(() -> new AuditEvent(DR_CHEN, AuditAction.READ, SESSION, null, null, AT, null, null, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("audit outcome");
        assertThatThrownBy(() -> new AuditEvent(DR_CHEN, AuditAction.READ, SESSION, null, AuditOutcome.SUCCESS, null, null, null, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("audit time");
    }

    @Test
    void patientEntityRefUsesThePatientId() {
        assertThat(EntityRef.patient(ROSE)).isEqualTo(new EntityRef("Patient", ROSE.toString()));
    }
}
