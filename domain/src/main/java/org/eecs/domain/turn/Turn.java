package org.eecs.domain.turn;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.session.CareSessionId;

/**
 * One exchange in a care session: what the patient said (empty when nothing was heard), the emotion
 * estimates made for it, and the robot's response. {@code emotionWithheld} records that emotion was
 * not used for the response, e.g. because consent to emotion analysis was not in force.
 * At most one observation is the fused estimate that the response was based on.
 *
 * <p>{@code answeredBy} names the reasoner and its template version; {@code escalation} links the escalation raised
 * when the patient's words held crisis language; {@code interruption} is there once the robot reported that the
 * patient spoke over the answer (the only thing added to a turn after it is recorded).
 */
public record Turn(TurnId id, CareSessionId session, int sequence, Instant at, String utterance,
                   List<EmotionObservation> observations, CareResponse response, boolean emotionWithheld,
                   StageLatencies latencies, AnsweredBy answeredBy, Optional<EscalationId> escalation,
                   Optional<Interruption> interruption) {

    public static final int MAX_UTTERANCE_LENGTH = 10_000;

    public Turn {
        Require.present("turn id", id);
        Require.present("care session", session);
        if (sequence < 1) {
            throw new DomainViolation("turns are numbered from 1 within a session, got sequence " + sequence);
        }
        observations = checkedContent(at, utterance, observations, response, latencies, answeredBy, escalation);
        Require.present("interruption", interruption);
    }

    /**
     * The rules of what a turn holds, numbered or not yet ({@link TurnDraft}); answers the observations as kept (a
     * copy).
     */
    static List<EmotionObservation> checkedContent(Instant at, String utterance, List<EmotionObservation> observations,
                                                   CareResponse response, StageLatencies latencies,
                                                   AnsweredBy answeredBy, Optional<EscalationId> escalation) {
        Require.present("turn time", at);
        Require.optionalText("utterance", Require.present("utterance", utterance), MAX_UTTERANCE_LENGTH);
        Require.present("emotion observations", observations);
        long fused = 0;
        for (EmotionObservation observation : observations) {
            if (Require.present("emotion observation", observation).modality() == Modality.FUSED) {
                fused++;
            }
        }
        if (fused > 1) {
            throw new DomainViolation("a turn has at most one FUSED emotion observation, got " + fused);
        }
        Require.present("response", response);
        Require.present("stage latencies", latencies);
        Require.present("answered by", answeredBy);
        Require.present("escalation", escalation);
        if (escalation.isPresent() && answeredBy.kind() != AnsweredBy.Kind.CRISIS_PROTOCOL) {
            throw new DomainViolation("a turn that raised an escalation is answered by the crisis protocol, got "
                    + answeredBy.kind());
        }
        return List.copyOf(observations);
    }

    /** This turn, its answer interrupted by the patient; a turn interrupted already keeps its first report. */
    public Turn interrupted(Interruption by) {
        Require.present("interruption", by);
        if (interruption.isPresent()) {
            return this;
        }
        return new Turn(id, session, sequence, at, utterance, observations, response, emotionWithheld, latencies,
                answeredBy, escalation, Optional.of(by));
    }

    public Optional<EmotionObservation> fused() {
        return observations.stream().filter(o -> o.modality() == Modality.FUSED).findFirst();
    }

    public boolean heardSomething() {
        return !utterance.isBlank();
    }
}
