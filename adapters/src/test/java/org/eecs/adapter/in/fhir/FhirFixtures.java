package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eecs.application.port.out.CareExperienceRatings;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.CareTeams;
import org.eecs.application.port.out.Robots;
import org.eecs.application.port.out.Transactions;
import org.eecs.application.port.out.Turns;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.rating.LikertScore;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.turn.Stage;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.TurnDraft;
import org.eecs.domain.turn.TurnId;
import org.springframework.context.ApplicationContext;
import java.util.Optional;
import org.eecs.domain.turn.AnsweredBy;

/**
 * Care that happened, written through the stores as the robot's sessions would leave it: robots, completed
 * sessions, turns with their emotion observations, ratings. Names are unique to each call: the database is
 * shared by all tests and never emptied.
 */
final class FhirFixtures {

    private static final AtomicInteger NEXT_SLOT = new AtomicInteger(1);

    private final Robots robots;
    private final CareSessions sessions;
    private final Turns turns;
    private final CareExperienceRatings ratings;
    private final CareTeams careTeams;
    private final Transactions transactions;

    FhirFixtures(ApplicationContext context) {
        this.robots = context.getBean(Robots.class);
        this.sessions = context.getBean(CareSessions.class);
        this.turns = context.getBean(Turns.class);
        this.ratings = context.getBean(CareExperienceRatings.class);
        this.careTeams = context.getBean(CareTeams.class);
        this.transactions = context.getBean(Transactions.class);
    }

    /** HAPI's generic client for the server on this port, sending this bearer token. */
    static IGenericClient client(int port, String token) {
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = fhir.newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    RobotId robot() {
        RobotId id = new RobotId(unique("robot"));
        transactions.inOne(() -> {
            robots.save(new Robot(id, "Ward robot", "humanoid-h1", "profiles/h1.yaml"));
            return null;
        });
        return id;
    }

    void joinCareTeam(PatientId patient, String clinician) {
        transactions.inOne(() -> {
            careTeams.add(patient, new ClinicianId(clinician));
            return null;
        });
    }

    /** A session that ran and ended, a day of its own in the past. */
    CareSession completedSession(PatientId patient, RobotId robot) {
        Instant start = Instant.now().minus(NEXT_SLOT.getAndIncrement(), ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        CareSession session = CareSession.schedule(patient, robot, TimeWindow.of(start, Duration.ofHours(1)),
                "ease anxiety before surgery", true).start(start.plusSeconds(60)).complete(start.plusSeconds(1800));
        transactions.inOne(() -> {
            sessions.save(session);
            return null;
        });
        return session;
    }

    /**
     * A turn with a facial and a fused emotion observation, recorded as the session's next: its {@code sequence}th
     * when a test records them in order (the number also places it in time).
     */
    void turn(CareSession session, int sequence) {
        Instant at = session.startedAt().plusSeconds(10L * sequence);
        TimeWindow heard = new TimeWindow(at.minusSeconds(4), at);
        EmotionObservation face = new EmotionObservation(Modality.FACE,
                EmotionDistribution.of(List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"),
                        new double[] {0.05, 0.05, 0.5, 0.05, 0.2, 0.05, 0.1}),
                0.8, new ModelRef("fer2013-minixception", "1"), heard);
        double[] fused = new double[CareState.values().length];
        fused[0] = 0.7;
        fused[1] = 0.2;
        fused[5] = 0.1;
        EmotionObservation care = new EmotionObservation(Modality.FUSED,
                EmotionDistribution.of(CareState.classNames(), fused), 0.75, new ModelRef("fusion", "2026.11"), heard);
        TurnDraft turn = new TurnDraft(TurnId.newId(), session.id(), at, "I feel worried about tomorrow.",
                List.of(face, care), new CareResponse("I am here with you; let's breathe together.", Tone.GENTLE,
                        FacialExpression.CONCERNED, Motion.LEAN_FORWARD_AND_NOD),
                false, new StageLatencies(Map.of(Stage.REASONING, Duration.ofMillis(900))),
                new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "abc123", Optional.empty()),
                Optional.empty());
        transactions.inOne(() -> turns.recordNext(turn, session.state(), Optional.empty()));
    }

    void rating(CareSession session, int score) {
        transactions.inOne(() -> {
            ratings.save(new CareExperienceRating(session.id(), new LikertScore(score), Instant.now(),
                    "felt listened to"));
            return null;
        });
    }
}
