package org.eecs.application.port.out;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.emotion.EmotionFusion.FusedState;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.turn.Turn;

/**
 * The paper's Reasoning layer: from what the patient said, how they seem to feel and where the session stands, the
 * robot's answer in words, voice, face and body, using only what this robot can perform. Implemented by the
 * language model and by the reviewable care library; which one answers, and in what order, is the application's
 * decision ({@code application.reasoning.SafeCareReasoning}), never the reasoner's.
 */
public interface ReasonAboutCare {

    /**
     * @param abilities the tones, faces and motions to choose from; an answer never uses any other
     * @throws ReasoningUnavailable when this reasoner cannot give a valid answer (unreachable, too slow, invalid
     *                              after its repair attempt)
     */
    Answer reason(Situation situation, RobotAbilities abilities);

    /**
     * What the robot answers.
     *
     * @param transcript      what the patient said (empty when nothing was heard); data to answer, never
     *                        instructions to follow
     * @param emotion         the fused emotional state; empty when none was recognised or when it is withheld
     * @param emotionWithheld true when the emotion must not be used (the session's ablation, or no consent to
     *                        emotion analysis): the reasoner answers as the paper's "without emotion input"
     * @param context         where the session stands
     * @param identifiers     the patient's alias and record identifiers, which no answer may repeat
     */
    record Situation(String transcript, Optional<FusedState> emotion, boolean emotionWithheld,
                     SessionContext context, Set<String> identifiers) {

        public static final int MAX_TRANSCRIPT_LENGTH = Turn.MAX_UTTERANCE_LENGTH;

        public Situation {
            Require.optionalText("transcript", Require.present("transcript", transcript), MAX_TRANSCRIPT_LENGTH);
            Require.present("emotion", emotion);
            if (emotionWithheld && emotion.isPresent()) {
                throw new DomainViolation("a withheld emotion is not passed to reasoning, got " + emotion.get());
            }
            Require.present("session context", context);
            identifiers = Set.copyOf(Require.present("identifiers", identifiers));
        }

        /** The patient said nothing that could be heard. */
        public boolean silent() {
            return transcript.isBlank();
        }
    }

    /**
     * @param recentTurns the session's last exchanges, oldest first (the reasoner reads a few of the latest)
     * @param ageGroup    the patient's age group
     * @param language    the patient's preferred language, a BCP-47 tag such as "en" or "zh-CN"
     * @param preferences what comforts this patient, as the clinicians noted it
     * @param careGoal    the goal the clinician set for the session
     */
    record SessionContext(List<Exchange> recentTurns, AgeGroup ageGroup, String language, Preferences preferences,
                          String careGoal) {
        public SessionContext {
            recentTurns = List.copyOf(Require.present("recent turns", recentTurns));
            Require.present("age group", ageGroup);
            Require.text("language", language, 35);
            Require.present("preferences", preferences);
            Require.present("care goal", careGoal);
        }
    }

    /** One earlier exchange of the session: what the patient said and what the robot answered. */
    record Exchange(String patientSaid, String robotSaid) {
        public Exchange {
            Require.present("patient said", patientSaid);
            Require.present("robot said", robotSaid);
        }

        public static Exchange of(Turn turn) {
            return new Exchange(turn.utterance(), turn.response().text());
        }
    }

    /** A reasoner's answer and who gave it. */
    record Answer(CareResponse response, Reasoner reasoner) {
        public Answer {
            Require.present("response", response);
            Require.present("reasoner", reasoner);
        }
    }

    /**
     * Which reasoner produced an answer.
     *
     * @param name            e.g. "openai Qwen/Qwen2.5-14B-Instruct", "care library"
     * @param templateVersion the prompt template's version for a language model; the version (a short hash) of the
     *                        care library or crisis reply file for the others
     */
    record Reasoner(Kind kind, String name, String templateVersion) {
        public Reasoner {
            Require.present("reasoner kind", kind);
            Require.text("reasoner name", name, 255);
            Require.text("template version", templateVersion, 64);
        }

        public enum Kind {
            /** The fixed, clinician-approved reply to crisis language. */
            CRISIS_PROTOCOL,
            /** A large language model behind the prompt template. */
            LANGUAGE_MODEL,
            /** The reviewable fallback library of care responses. */
            CARE_LIBRARY
        }
    }

    /** This reasoner gave no valid answer; the reason says why (unreachable, timed out, invalid...). */
    class ReasoningUnavailable extends RuntimeException {

        public ReasoningUnavailable(String reason) {
            super(reason);
        }

        public ReasoningUnavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
