package org.eecs.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eecs.application.port.out.CareExperienceRatings;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.CareTeams;
import org.eecs.application.port.out.Consents;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Recordings;
import org.eecs.application.port.out.Robots;
import org.eecs.application.port.out.Transactions;
import org.eecs.application.port.out.Turns;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.patient.CareTeam;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.rating.LikertScore;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.Interruption;
import org.eecs.domain.turn.Stage;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnDraft;
import org.eecs.domain.turn.TurnId;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/** Each aggregate goes into PostgreSQL and comes back equal. */
@IntegrationTest
class CareRecordsRoundTripTest {

    private static final Instant NINE_AM = Instant.parse("2026-11-25T09:00:00Z");
    private static final ClinicianId DR_LI = new ClinicianId("dr-li");

    @Autowired Patients patients;
    @Autowired CareTeams careTeams;
    @Autowired Robots robots;
    @Autowired CareSessions sessions;
    @Autowired Consents consents;
    @Autowired Turns turns;
    @Autowired CareExperienceRatings ratings;
    @Autowired Recordings recordings;
    @Autowired Transactions transactions;

    @Test
    void patientRoundTripsWithPreferences() {
        Patient patient = Patient.register("Robin", 1990, Gender.FEMALE, "zh-CN",
                new Preferences(List.of("prefers a calm voice", "no hugs")));

        patients.save(patient);

        assertThat(patients.find(patient.id())).contains(patient);
    }

    @Test
    void updatedPreferencesReplaceTheOldOnes() {
        Patient patient = registeredPatient();

        Patient changed = patient.withPreferences(new Preferences(List.of("likes music")));
        patients.save(changed);

        assertThat(patients.find(patient.id())).contains(changed);
    }

    @Test
    void careTeamMembershipsAreAddedOnceAndRemoved() {
        Patient patient = registeredPatient();
        ClinicianId nurseKim = new ClinicianId("nurse-kim");

        careTeams.add(patient.id(), DR_LI);
        careTeams.add(patient.id(), nurseKim);
        careTeams.add(patient.id(), DR_LI);
        assertThat(careTeams.of(patient.id())).isEqualTo(CareTeam.empty(patient.id()).with(DR_LI).with(nurseKim));

        careTeams.remove(patient.id(), DR_LI);
        careTeams.remove(patient.id(), DR_LI);
        assertThat(careTeams.of(patient.id()).clinicians()).containsExactly(nurseKim);
    }

    @Test
    void robotRoundTrips() {
        Robot robot = registeredRobot();

        assertThat(robots.find(robot.id())).contains(robot);
    }

    @Test
    void careSessionRoundTripsThroughItsStates() {
        CareSession scheduled = scheduledSession(registeredPatient(), registeredRobot(), NINE_AM);
        assertThat(sessions.find(scheduled.id())).contains(scheduled);

        CareSession running = scheduled.start(NINE_AM.plusSeconds(60));
        sessions.save(running);
        assertThat(sessions.find(scheduled.id())).contains(running);

        CareSession aborted = running.abort("consent withdrawn", NINE_AM.plusSeconds(600));
        sessions.save(aborted);
        assertThat(sessions.find(scheduled.id())).contains(aborted);
    }

    @Test
    void sessionsOfARobotThatOverlapAWindowAreFound() {
        Patient patient = registeredPatient();
        Robot robot = registeredRobot();
        CareSession nine = scheduledSession(patient, robot, NINE_AM);
        CareSession ten = scheduledSession(patient, robot, NINE_AM.plus(Duration.ofHours(1)));

        List<CareSession> overlapping = sessions.ofRobotOverlapping(robot.id(),
                new TimeWindow(NINE_AM.plus(Duration.ofMinutes(50)), NINE_AM.plus(Duration.ofMinutes(70))));
        List<CareSession> afterBoth = sessions.ofRobotOverlapping(robot.id(),
                new TimeWindow(NINE_AM.plus(Duration.ofHours(2)), NINE_AM.plus(Duration.ofHours(3))));

        assertThat(overlapping).containsExactly(nine, ten);
        assertThat(afterBoth).isEmpty();
    }

    @Test
    void consentHistoryRoundTripsWithItsWithdrawal() {
        Patient patient = registeredPatient();
        ConsentHistory history = ConsentHistory.empty(patient.id());
        Consent granted = history.grant(Set.of(ConsentScope.AUDIO_CAPTURE, ConsentScope.RECORDING_RETENTION),
                Duration.ofDays(30), NINE_AM, DR_LI);
        consents.append(granted);
        Consent withdrawn = history.with(granted).withdraw(NINE_AM.plusSeconds(3600), DR_LI);
        consents.append(withdrawn);

        ConsentHistory stored = consents.historyOf(patient.id());

        assertThat(stored.versions()).containsExactly(granted, withdrawn);
        assertThat(stored.permits(ConsentScope.AUDIO_CAPTURE, NINE_AM.plusSeconds(60))).isTrue();
        assertThat(stored.permits(ConsentScope.AUDIO_CAPTURE, NINE_AM.plusSeconds(3600))).isFalse();
    }

    @Test
    void aSecondWriterOfTheSameConsentVersionIsRefused() {
        Patient patient = registeredPatient();
        ConsentHistory history = ConsentHistory.empty(patient.id());
        consents.append(history.grant(Set.of(ConsentScope.AUDIO_CAPTURE), null, NINE_AM, DR_LI));

        Consent concurrentVersionOne = history.grant(Set.of(ConsentScope.VIDEO_CAPTURE), null, NINE_AM, DR_LI);

        assertThatThrownBy(() -> consents.append(concurrentVersionOne))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(consents.historyOf(patient.id()).versions()).hasSize(1);
    }

    @Test
    void turnRoundTripsWithItsObservationsResponseAndLatencies() {
        CareSession session = scheduledSession(registeredPatient(), registeredRobot(), NINE_AM);
        TimeWindow utterance = new TimeWindow(NINE_AM.plusSeconds(70), NINE_AM.plusSeconds(74));
        EmotionObservation face = new EmotionObservation(Modality.FACE,
                EmotionDistribution.of(List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"),
                        new double[] {0.05, 0.05, 0.5, 0.05, 0.2, 0.05, 0.1}),
                0.8, new ModelRef("fer2013-minixception", "1"), utterance);
        EmotionObservation fused = new EmotionObservation(Modality.FUSED,
                EmotionDistribution.of(List.of("anxiety", "sadness", "calm"), new double[] {0.7, 0.2, 0.1}),
                0.75, new ModelRef("fusion", "2026.11"), utterance);
        TurnDraft draft = new TurnDraft(TurnId.newId(), session.id(), NINE_AM.plusSeconds(75),
                "I feel overwhelmed and don't know what to do.", List.of(face, fused),
                new CareResponse("You're not alone, I can help you step by step.", Tone.ENCOURAGING,
                        FacialExpression.SMILE, Motion.LEAN_FORWARD_AND_NOD),
                false, new StageLatencies(Map.of(Stage.FACE_RECOGNITION, Duration.ofMillis(42),
                        Stage.REASONING, Duration.ofMillis(1350))),
                new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "9f3e2a",
                        Optional.of("no language model is configured")),
                Optional.empty());

        Turn turn = recorded(draft, session);

        assertThat(turns.of(session.id())).containsExactly(turn);
        assertThat(turns.find(turn.id())).contains(turn);

        Interruption first = new Interruption(NINE_AM.plusSeconds(80), Duration.ofMillis(1830));
        turns.interrupt(turn.id(), first);
        turns.interrupt(turn.id(), new Interruption(NINE_AM.plusSeconds(90), Duration.ofMillis(4000)));

        assertThat(turns.find(turn.id()).orElseThrow().interruption()).contains(first);
    }

    @Test
    void theLatestTurnsOfASession_comeInSequenceOrder() {
        CareSession session = scheduledSession(registeredPatient(), registeredRobot(), NINE_AM);
        for (int sequence = 1; sequence <= 4; sequence++) {
            TurnDraft draft = new TurnDraft(TurnId.newId(), session.id(), NINE_AM.plusSeconds(sequence * 30L),
                    "turn " + sequence, List.of(), new CareResponse("I hear you.", Tone.CALM, FacialExpression.NEUTRAL,
                    Motion.NONE), false, StageLatencies.none(),
                    new AnsweredBy(AnsweredBy.Kind.LANGUAGE_MODEL, "openai qwen", "care-prompt-1", Optional.empty()),
                    Optional.empty());
            assertThat(recorded(draft, session)).as("numbered after the last").isEqualTo(draft.numbered(sequence));
        }

        assertThat(turns.latest(session.id(), 2)).extracting(Turn::utterance).containsExactly("turn 3", "turn 4");
        assertThat(turns.latest(session.id(), 10)).hasSize(4);
    }

    @Test
    void recordingsAreKeptWithTheirFrames_andPurgedOnlyOnceExpired() {
        Patient patient = registeredPatient();
        CareSession session = scheduledSession(patient, registeredRobot(), NINE_AM);
        Turn turn = recorded(new TurnDraft(TurnId.newId(), session.id(), NINE_AM.plusSeconds(30), "hello", List.of(),
                new CareResponse("Hello, I'm glad to see you.", Tone.WARM, FacialExpression.SMILE, Motion.NOD), false,
                StageLatencies.none(), new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "9f3e2a",
                Optional.empty()), Optional.empty()), session);
        Instant expiry = NINE_AM.plus(Duration.ofDays(30));
        transactions.inOne(() -> {
            recordings.keep(new Recordings.TurnMedia(turn.id(), session.id(), patient.id(),
                    Recordings.TurnMedia.WAV, new byte[] {'R', 'I', 'F', 'F'},
                    List.of(new VideoClip.Frame(NINE_AM, new byte[] {1}), new VideoClip.Frame(NINE_AM.plusMillis(200),
                            new byte[] {2})), expiry));
            return null;
        });

        assertThat(transactions.inOne(() -> recordings.purgeExpired(expiry.minusSeconds(1), 100))).isEmpty();
        assertThat(transactions.inOne(() -> recordings.purgeExpired(expiry, 100)))
                .containsExactly(new Recordings.Purged(turn.id(), patient.id()));
        assertThat(transactions.inOne(() -> recordings.purgeExpired(expiry, 100))).isEmpty();
    }

    @Test
    void ratingRoundTrips() {
        CareSession session = scheduledSession(registeredPatient(), registeredRobot(), NINE_AM);
        CareExperienceRating rating = new CareExperienceRating(session.id(), new LikertScore(5),
                NINE_AM.plus(Duration.ofHours(1)), "felt listened to");

        ratings.save(rating);

        assertThat(ratings.of(session.id())).contains(rating);
    }

    private Patient registeredPatient() {
        Patient patient = Patient.register("Sam", 1958, Gender.MALE, "en", Preferences.none());
        patients.save(patient);
        return patient;
    }

    private Robot registeredRobot() {
        Robot robot = new Robot(new RobotId("ward-" + UUID.randomUUID().toString().substring(0, 8)), "Xiao Ai",
                "humanoid-h1", "profiles/humanoid-h1.yaml");
        robots.save(robot);
        return robot;
    }

    /** The draft recorded as the session's next turn (the session as it is: these records need not be in progress). */
    private Turn recorded(TurnDraft draft, CareSession session) {
        return ((Turns.NextTurn.Recorded) turns.recordNext(draft, session.state(), Optional.empty())).turn();
    }

    private CareSession scheduledSession(Patient patient, Robot robot, Instant start) {
        CareSession session = CareSession.schedule(patient.id(), robot.id(),
                new TimeWindow(start, start.plus(Duration.ofMinutes(59)).truncatedTo(ChronoUnit.MICROS)),
                "ease pre-operative anxiety", true);
        sessions.save(session);
        return session;
    }
}
