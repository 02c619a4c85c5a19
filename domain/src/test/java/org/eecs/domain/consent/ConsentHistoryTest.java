package org.eecs.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.domain.consent.ConsentScope.AUDIO_CAPTURE;
import static org.eecs.domain.consent.ConsentScope.EMOTION_ANALYSIS;
import static org.eecs.domain.consent.ConsentScope.EXTERNAL_LLM_PROCESSING;
import static org.eecs.domain.consent.ConsentScope.RECORDING_RETENTION;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.junit.jupiter.api.Test;

class ConsentHistoryTest {

    private static final PatientId ROSE = PatientId.newId();
    private static final ClinicianId DR_CHEN = new ClinicianId("dr.chen");
    private static final Instant MONDAY = Instant.parse("2025-03-03T08:00:00Z");
    private static final Instant TUESDAY = MONDAY.plus(Duration.ofDays(1));
    private static final Instant WEDNESDAY = MONDAY.plus(Duration.ofDays(2));

    private static ConsentHistory grantedOnMonday(Set<ConsentScope> scopes) {
        ConsentHistory empty = ConsentHistory.empty(ROSE);
        return empty.with(empty.grant(scopes, null, MONDAY, DR_CHEN));
    }

    @Test
    void withoutAnyConsent_nothingIsPermitted() {
        ConsentHistory none = ConsentHistory.empty(ROSE);

        assertThat(none.current()).isEmpty();
        assertThat(none.inForceAt(MONDAY)).isEmpty();
        assertThat(none.permits(AUDIO_CAPTURE, MONDAY)).isFalse();
    }

    @Test
    void firstGrantIsVersionOne() {
        Consent first = ConsentHistory.empty(ROSE).grant(Set.of(AUDIO_CAPTURE), null, MONDAY, DR_CHEN);

        assertThat(first.version()).isEqualTo(1);
        assertThat(first.status()).isEqualTo(ConsentStatus.GRANTED);
        assertThat(first.patient()).isEqualTo(ROSE);
        assertThat(first.recordedBy()).isEqualTo(DR_CHEN);
        assertThat(first.effectiveFrom()).isEqualTo(MONDAY);
    }

    @Test
    void grantingReturnsTheNextVersionWithoutChangingTheHistory() {
        ConsentHistory history = grantedOnMonday(Set.of(AUDIO_CAPTURE));

        Consent second = history.grant(Set.of(AUDIO_CAPTURE, EMOTION_ANALYSIS), null, TUESDAY, DR_CHEN);

        assertThat(second.version()).isEqualTo(2);
        assertThat(history.versions()).hasSize(1);
        assertThat(history.with(second).versions()).extracting(Consent::version).containsExactly(1, 2);
    }

    @Test
    void grantIsNotInForceBeforeItsEffectiveFrom_andIsFromThatInstantOn() {
        ConsentHistory history = grantedOnMonday(Set.of(EMOTION_ANALYSIS));

        assertThat(history.permits(EMOTION_ANALYSIS, MONDAY.minusNanos(1))).isFalse();
        assertThat(history.permits(EMOTION_ANALYSIS, MONDAY)).isTrue();
        assertThat(history.permits(EMOTION_ANALYSIS, WEDNESDAY)).isTrue();
    }

    @Test
    void laterVersionGovernsFromItsOwnEffectiveFrom() {
        ConsentHistory monday = grantedOnMonday(Set.of(AUDIO_CAPTURE, EXTERNAL_LLM_PROCESSING));
        ConsentHistory history = monday.with(monday.grant(Set.of(AUDIO_CAPTURE), null, TUESDAY, DR_CHEN));

        assertThat(history.permits(EXTERNAL_LLM_PROCESSING, TUESDAY.minusNanos(1))).isTrue();
        assertThat(history.permits(EXTERNAL_LLM_PROCESSING, TUESDAY)).isFalse();
        assertThat(history.inForceAt(TUESDAY.minusNanos(1))).get().extracting(Consent::version).isEqualTo(1);
        assertThat(history.inForceAt(TUESDAY)).get().extracting(Consent::version).isEqualTo(2);
    }

    @Test
    void currentIsTheLatestVersion() {
        ConsentHistory monday = grantedOnMonday(Set.of(AUDIO_CAPTURE));
        ConsentHistory history = monday.with(monday.withdraw(WEDNESDAY, DR_CHEN));

        assertThat(history.current()).get().extracting(Consent::version).isEqualTo(2);
        assertThat(history.inForceAt(TUESDAY)).get().extracting(Consent::version).isEqualTo(1);
    }

    @Test
    void whenConsentWithdrawn_scopeIsNoLongerPermitted() {
        ConsentHistory monday = grantedOnMonday(Set.of(AUDIO_CAPTURE, EMOTION_ANALYSIS));

        Consent withdrawal = monday.withdraw(TUESDAY, DR_CHEN);
        ConsentHistory history = monday.with(withdrawal);

        assertThat(withdrawal.version()).isEqualTo(2);
        assertThat(withdrawal.status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(withdrawal.scopes()).isEmpty();
        assertThat(history.permits(AUDIO_CAPTURE, TUESDAY)).isFalse();
        assertThat(history.permits(EMOTION_ANALYSIS, WEDNESDAY)).isFalse();
    }

    @Test
    void withdrawalMidSession_takesEffectAtItsInstant() {
        TimeWindow session = new TimeWindow(TUESDAY, TUESDAY.plus(Duration.ofMinutes(30)));
        Instant midSession = session.start().plus(Duration.ofMinutes(12));
        ConsentHistory monday = grantedOnMonday(Set.of(AUDIO_CAPTURE, EMOTION_ANALYSIS));

        ConsentHistory history = monday.with(monday.withdraw(midSession, DR_CHEN));

        assertThat(history.permits(EMOTION_ANALYSIS, session.start())).isTrue();
        assertThat(history.permits(EMOTION_ANALYSIS, midSession.minusNanos(1))).isTrue();
        assertThat(history.permits(EMOTION_ANALYSIS, midSession)).isFalse();
        assertThat(history.permits(EMOTION_ANALYSIS, session.end().minusNanos(1))).isFalse();
    }

    @Test
    void nothingGranted_cannotBeWithdrawn() {
        assertThatThrownBy(() -> ConsentHistory.empty(ROSE).withdraw(MONDAY, DR_CHEN))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("has not granted consent, there is nothing to withdraw");
    }

    @Test
    void withdrawnConsent_cannotBeWithdrawnAgain() {
        ConsentHistory monday = grantedOnMonday(Set.of(AUDIO_CAPTURE));
        ConsentHistory withdrawn = monday.with(monday.withdraw(TUESDAY, DR_CHEN));

        assertThatThrownBy(() -> withdrawn.withdraw(WEDNESDAY, DR_CHEN))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("is already withdrawn (version 2");
    }

    @Test
    void consentCanBeGrantedAgainAfterWithdrawal() {
        ConsentHistory monday = grantedOnMonday(Set.of(AUDIO_CAPTURE));
        ConsentHistory withdrawn = monday.with(monday.withdraw(TUESDAY, DR_CHEN));

        ConsentHistory regranted = withdrawn.with(withdrawn.grant(Set.of(AUDIO_CAPTURE), null, WEDNESDAY, DR_CHEN));

        assertThat(regranted.current()).get().extracting(Consent::version).isEqualTo(3);
        assertThat(regranted.permits(AUDIO_CAPTURE, TUESDAY)).isFalse();
        assertThat(regranted.permits(AUDIO_CAPTURE, WEDNESDAY)).isTrue();
    }

    @Test
    void grantCarriesItsRetentionRules() {
        ConsentHistory empty = ConsentHistory.empty(ROSE);

        assertThat(empty.grant(Set.of(RECORDING_RETENTION), Duration.ofDays(30), MONDAY, DR_CHEN).recordingRetention())
                .isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> empty.grant(Set.of(RECORDING_RETENTION), null, MONDAY, DR_CHEN))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("needs a positive recordingRetention");
    }

    @Test
    void nextVersionMustTakeEffectNoEarlierThanTheCurrentOne() {
        ConsentHistory tuesday = ConsentHistory.empty(ROSE);
        ConsentHistory history = tuesday.with(tuesday.grant(Set.of(AUDIO_CAPTURE), null, TUESDAY, DR_CHEN));

        assertThatThrownBy(() -> history.grant(Set.of(EMOTION_ANALYSIS), null, MONDAY, DR_CHEN))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("cannot take effect at " + MONDAY + ", before version 1 at " + TUESDAY);
        assertThatThrownBy(() -> history.withdraw(MONDAY, DR_CHEN))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("before version 1");
    }

    @Test
    void versionsTakingEffectAtTheSameInstant_theLaterOneGoverns() {
        ConsentHistory monday = grantedOnMonday(Set.of(AUDIO_CAPTURE));
        ConsentHistory history = monday.with(monday.withdraw(MONDAY, DR_CHEN));

        assertThat(history.inForceAt(MONDAY)).get().extracting(Consent::status).isEqualTo(ConsentStatus.WITHDRAWN);
    }

    @Test
    void appendingAVersionThatSkipsOrRepeatsANumber_isRejected() {
        ConsentHistory history = grantedOnMonday(Set.of(AUDIO_CAPTURE));
        Consent skipping = new Consent(ROSE, 3, ConsentStatus.GRANTED, Set.of(AUDIO_CAPTURE), TUESDAY, DR_CHEN, null);
        Consent repeating = new Consent(ROSE, 1, ConsentStatus.GRANTED, Set.of(AUDIO_CAPTURE), TUESDAY, DR_CHEN, null);

        assertThatThrownBy(() -> history.with(skipping))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("the next consent version for patient " + ROSE + " must be 2, got 3");
        assertThatThrownBy(() -> history.with(repeating))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("must be 2, got 1");
    }

    @Test
    void appendingAnotherPatientsConsent_isRejected() {
        ConsentHistory history = grantedOnMonday(Set.of(AUDIO_CAPTURE));
        PatientId someoneElse = PatientId.newId();
        Consent theirs = new Consent(someoneElse, 2, ConsentStatus.GRANTED, Set.of(AUDIO_CAPTURE), TUESDAY, DR_CHEN, null);

        assertThatThrownBy(() -> history.with(theirs))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("belongs to patient " + someoneElse + ", not to patient " + ROSE);
    }

    @Test
    void appendingAWithdrawalAfterAWithdrawal_isRejected() {
        ConsentHistory monday = grantedOnMonday(Set.of(AUDIO_CAPTURE));
        ConsentHistory withdrawn = monday.with(monday.withdraw(TUESDAY, DR_CHEN));
        Consent again = new Consent(ROSE, 3, ConsentStatus.WITHDRAWN, Set.of(), WEDNESDAY, DR_CHEN, null);

        assertThatThrownBy(() -> withdrawn.with(again))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("already withdrawn");
    }

    @Test
    void storedHistoryIsCheckedWhenLoaded() {
        Consent v1 = new Consent(ROSE, 1, ConsentStatus.GRANTED, Set.of(AUDIO_CAPTURE), TUESDAY, DR_CHEN, null);
        Consent v2 = new Consent(ROSE, 2, ConsentStatus.GRANTED, Set.of(AUDIO_CAPTURE), WEDNESDAY, DR_CHEN, null);
        Consent v2Earlier = new Consent(ROSE, 2, ConsentStatus.GRANTED, Set.of(AUDIO_CAPTURE), MONDAY, DR_CHEN, null);
        Consent withdrawnFirst = new Consent(ROSE, 1, ConsentStatus.WITHDRAWN, Set.of(), MONDAY, DR_CHEN, null);

        assertThat(new ConsentHistory(ROSE, List.of(v1, v2)).versions()).hasSize(2);
        assertThatThrownBy(() -> new ConsentHistory(ROSE, List.of(v2, v1)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("must be 1, got 2");
        assertThatThrownBy(() -> new ConsentHistory(ROSE, List.of(v1, v2Earlier)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("cannot take effect");
        assertThatThrownBy(() -> new ConsentHistory(ROSE, List.of(withdrawnFirst)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("nothing to withdraw");
        assertThatThrownBy(() -> new ConsentHistory(PatientId.newId(), List.of(v1)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("belongs to patient " + ROSE);
    }

    @Test
    void versionsAreCopied() {
        Consent v1 = new Consent(ROSE, 1, ConsentStatus.GRANTED, Set.of(AUDIO_CAPTURE), MONDAY, DR_CHEN, null);
        List<Consent> versions = new ArrayList<>(List.of(v1));
        ConsentHistory history = new ConsentHistory(ROSE, versions);

        versions.add(new Consent(ROSE, 2, ConsentStatus.WITHDRAWN, Set.of(), TUESDAY, DR_CHEN, null));

        assertThat(history.versions()).containsExactly(v1);
    }
}
