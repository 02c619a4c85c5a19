package org.eecs.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.domain.consent.ConsentScope.AUDIO_CAPTURE;
import static org.eecs.domain.consent.ConsentScope.EMOTION_ANALYSIS;
import static org.eecs.domain.consent.ConsentScope.RECORDING_RETENTION;
import static org.eecs.domain.consent.ConsentScope.VIDEO_CAPTURE;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.junit.jupiter.api.Test;

class ConsentTest {

    private static final PatientId ROSE = PatientId.newId();
    private static final Instant MONDAY = Instant.parse("2025-03-03T08:00:00Z");
    private static final ClinicianId DR_CHEN = new ClinicianId("dr.chen");
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    private static Consent granted(Set<ConsentScope> scopes, Duration retention) {
        return new Consent(ROSE, 1, ConsentStatus.GRANTED, scopes, MONDAY, DR_CHEN, retention);
    }

    @Test
    void grantPermitsExactlyItsScopes() {
        Consent consent = granted(Set.of(AUDIO_CAPTURE, EMOTION_ANALYSIS), null);

        assertThat(consent.permits(AUDIO_CAPTURE)).isTrue();
        assertThat(consent.permits(EMOTION_ANALYSIS)).isTrue();
        assertThat(consent.permits(VIDEO_CAPTURE)).isFalse();
    }

    @Test
    void withdrawnConsentHasNoScopes() {
        assertThatThrownBy(() -> new Consent(ROSE, 2, ConsentStatus.WITHDRAWN, Set.of(AUDIO_CAPTURE), MONDAY, DR_CHEN, null))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("a withdrawn consent has no scopes, got [AUDIO_CAPTURE]");
    }

    @Test
    void withdrawnConsentPermitsNothing() {
        Consent withdrawn = new Consent(ROSE, 2, ConsentStatus.WITHDRAWN, Set.of(), MONDAY, DR_CHEN, null);

        for (ConsentScope scope : ConsentScope.values()) {
            assertThat(withdrawn.permits(scope)).as(scope.name()).isFalse();
        }
    }

    @Test
    void grantNamesAtLeastOneScope() {
        assertThatThrownBy(() -> granted(Set.of(), null))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("a granted consent names at least one scope");
    }

    @Test
    void retainingRecordingsNeedsAPositiveRetentionPeriod() {
        assertThat(granted(Set.of(RECORDING_RETENTION), THIRTY_DAYS).recordingRetention()).isEqualTo(THIRTY_DAYS);

        assertThatThrownBy(() -> granted(Set.of(RECORDING_RETENTION), null))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("consent to RECORDING_RETENTION needs a positive recordingRetention, got null");
        assertThatThrownBy(() -> granted(Set.of(RECORDING_RETENTION), Duration.ZERO))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("got PT0S");
        assertThatThrownBy(() -> granted(Set.of(RECORDING_RETENTION), Duration.ofDays(-1)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("got PT-24H");
    }

    @Test
    void retentionPeriodWithoutConsentToRetain_isRejected() {
        assertThatThrownBy(() -> granted(Set.of(AUDIO_CAPTURE), THIRTY_DAYS))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("recordingRetention applies only when RECORDING_RETENTION is granted, got PT720H");
        assertThatThrownBy(() -> new Consent(ROSE, 2, ConsentStatus.WITHDRAWN, Set.of(), MONDAY, DR_CHEN, THIRTY_DAYS))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("recordingRetention applies only when RECORDING_RETENTION is granted");
    }

    @Test
    void versionsStartAtOne() {
        assertThatThrownBy(() -> new Consent(ROSE, 0, ConsentStatus.GRANTED, Set.of(AUDIO_CAPTURE), MONDAY, DR_CHEN, null))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("consent versions start at 1, got version 0");
    }

    @Test
    void whoRecordedItAndWhenAreRequired() {
        assertThatThrownBy(() -> new Consent(ROSE, 1, ConsentStatus.GRANTED, Set.of(AUDIO_CAPTURE), null, DR_CHEN, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("effectiveFrom");
        assertThatThrownBy(() -> new Consent(ROSE, 1, ConsentStatus.GRANTED, Set.of(AUDIO_CAPTURE), MONDAY, null, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("recordedBy");
    }

    @Test
    void scopesAreCopiedAndKeptInAFixedOrder() {
        Set<ConsentScope> scopes = new HashSet<>(Set.of(EMOTION_ANALYSIS, AUDIO_CAPTURE));
        Consent consent = granted(scopes, null);

        scopes.add(VIDEO_CAPTURE);

        assertThat(consent.scopes()).containsExactly(AUDIO_CAPTURE, EMOTION_ANALYSIS);
        assertThatThrownBy(() -> consent.scopes().add(VIDEO_CAPTURE)).isInstanceOf(UnsupportedOperationException.class);
    }
}
