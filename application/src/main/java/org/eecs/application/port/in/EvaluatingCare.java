package org.eecs.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionFusion;
import org.eecs.domain.evaluation.Condition;
import org.eecs.domain.evaluation.Judgement;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.turn.Turn;

/**
 * The paper's experiment (its section IV, Table II) as a run: role-play scenarios are played through the care turn
 * (the use case the robot API drives), each once in a session with the emotion input and once in a session without
 * it, and every answer is kept for comparison; when asked, a language model judges each answer against the rubric,
 * without being told which session gave it. Judge scores are returned beside the answers, never stored as ratings.
 */
public interface EvaluatingCare {

    /** The most turns one scenario plays. */
    int MAX_TURNS = 50;

    /**
     * @throws Conflict {@code no-judge} when judging is asked for and no language model is configured to judge
     */
    Evaluation evaluate(Evaluate command);

    /**
     * @param administrator registers the evaluation's robot
     * @param clinician     registers the role-played patients, records their consent, runs their sessions
     * @param judged        have each answer judged by the language model
     */
    record Evaluate(Caller administrator, Caller clinician, List<Scenario> scenarios, boolean judged) {
        public Evaluate {
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(clinician, "clinician");
            scenarios = List.copyOf(Objects.requireNonNull(scenarios, "scenarios"));
            if (scenarios.isEmpty()) {
                throw new InvalidRequest("an evaluation plays at least one scenario");
            }
            Set<String> ids = new HashSet<>();
            for (Scenario scenario : scenarios) {
                if (!ids.add(scenario.id())) {
                    throw new InvalidRequest("two scenarios are called \"" + scenario.id() + "\"");
                }
            }
        }
    }

    /**
     * One role-play script.
     *
     * @param id       short, as in file and column names ("anxiety-before-surgery")
     * @param emotion  the emotional state the patient plays (the paper's five: anxiety, sadness, anger, fear,
     *                 frustration)
     * @param title    the situation, in a few words, as raters and the judge read it
     * @param careGoal the session's care goal, as a clinician would set it
     */
    record Scenario(String id, CareState emotion, String title, RolePlayedPatient patient, String careGoal,
                    List<ScriptedTurn> turns) {

        public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

        public Scenario {
            if (id == null || !ID.matcher(id).matches()) {
                throw new InvalidRequest("a scenario id is 1 to 63 lower-case letters, digits and hyphens, got " + id);
            }
            Objects.requireNonNull(emotion, "emotion");
            requireText("title", title, 200);
            Objects.requireNonNull(patient, "patient");
            requireText("care goal", careGoal, 500);
            turns = List.copyOf(Objects.requireNonNull(turns, "turns"));
            if (turns.isEmpty() || turns.size() > MAX_TURNS) {
                throw new InvalidRequest("a scenario has 1 to " + MAX_TURNS + " turns, got " + turns.size());
            }
        }
    }

    /** The patient as the role-play presents them: what the care prompt knows of a patient. */
    record RolePlayedPatient(int birthYear, Gender gender, String language, List<String> preferences) {
        public RolePlayedPatient {
            Objects.requireNonNull(gender, "gender");
            requireText("language", language, 35);
            preferences = List.copyOf(Objects.requireNonNull(preferences, "preferences"));
        }
    }

    /** What the patient says in one turn, and what the robot's camera sees meanwhile. */
    record ScriptedTurn(Said said, Seen seen) {
        public ScriptedTurn {
            Objects.requireNonNull(said, "said");
            Objects.requireNonNull(seen, "seen");
        }

        /** The script's words, for people to read: what was written, else where the recording came from. */
        public String script() {
            return switch (said) {
                case Said.Words words -> words.text();
                case Said.Spoken spoken -> spoken.script().orElse("(recording " + spoken.source() + ")");
            };
        }
    }

    sealed interface Said {

        /**
         * Words taken as heard, as a robot with its own speech recognition sends them: no speech recognition runs.
         */
        record Words(String text) implements Said {
            public Words {
                requireText("words", text, Turn.MAX_UTTERANCE_LENGTH);
            }
        }

        /**
         * Speech, heard through the system's speech recognition, as a robot streams it.
         *
         * @param pcm    {@link TranscribeSpeech#SAMPLE_RATE} mono PCM, 16-bit signed little-endian
         * @param script what is said in it, if the scenario says
         * @param source where it came from (a file, or the synthesiser), for people to read
         */
        record Spoken(byte[] pcm, Optional<String> script, String source) implements Said {

            /** Ten minutes. */
            public static final int MAX_BYTES = 10 * 60 * TranscribeSpeech.SAMPLE_RATE * 2;

            public Spoken {
                Objects.requireNonNull(pcm, "pcm");
                if (pcm.length == 0 || pcm.length % 2 != 0 || pcm.length > MAX_BYTES) {
                    throw new InvalidRequest("spoken audio is 1 sample to ten minutes of 16-bit samples, got "
                            + pcm.length + " bytes");
                }
                Objects.requireNonNull(script, "script");
                requireText("source", source, 500);
            }

            public Duration duration() {
                return Duration.ofNanos(pcm.length / 2 * 1_000_000_000L / TranscribeSpeech.SAMPLE_RATE);
            }
        }
    }

    sealed interface Seen {

        /** The camera sees no one. */
        record Nobody() implements Seen {
        }

        /**
         * Frames of the patient's face, read by the system's facial expression recognition.
         *
         * @param frames their capture times are replaced by times within the turn when it is played
         * @param source where they came from, for people to read
         */
        record Clip(VideoClip frames, String source) implements Seen {
            public Clip {
                Objects.requireNonNull(frames, "frames");
                if (frames.frames().isEmpty() || frames.frames().size() > ConversingWithPatients.MAX_FRAMES) {
                    throw new InvalidRequest("a clip has 1 to " + ConversingWithPatients.MAX_FRAMES + " frames, got "
                            + frames.frames().size());
                }
                requireText("source", source, 500);
            }
        }

        /**
         * The expression the scenario says the face shows, taken as the face's reading in place of the camera and
         * the expression model: one of {@link EmotionFusion#FACE_CLASSES}, with certainty.
         */
        record Stated(String expression) implements Seen {
            public Stated {
                if (!EmotionFusion.FACE_CLASSES.contains(expression)) {
                    throw new InvalidRequest("a stated facial expression is one of " + EmotionFusion.FACE_CLASSES
                            + ", got " + expression);
                }
            }
        }
    }

    /** What was played and what came of it. */
    record Evaluation(Instant startedAt, Instant finishedAt, Optional<String> judge, List<PlayedScenario> scenarios) {
        public Evaluation {
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(finishedAt, "finishedAt");
            Objects.requireNonNull(judge, "judge");
            scenarios = List.copyOf(scenarios);
        }
    }

    record PlayedScenario(Scenario scenario, List<ComparedTurn> turns) {
        public PlayedScenario {
            Objects.requireNonNull(scenario, "scenario");
            turns = List.copyOf(turns);
        }
    }

    /**
     * One scripted turn as both sessions answered it.
     *
     * @param number from 1, in the script's order
     */
    record ComparedTurn(int number, ScriptedTurn script, Answer withEmotion, Answer withoutEmotion) {
        public ComparedTurn {
            Objects.requireNonNull(script, "script");
            Objects.requireNonNull(withEmotion, "withEmotion");
            Objects.requireNonNull(withoutEmotion, "withoutEmotion");
        }

        public Answer answer(Condition condition) {
            return condition == Condition.WITH_EMOTION_INPUT ? withEmotion : withoutEmotion;
        }
    }

    /**
     * @param turn   the turn as recorded: what was heard, the emotion recognised, the response, who answered
     * @param judged the language model's judgement, when judging was asked for
     */
    record Answer(Turn turn, Optional<Judged> judged) {
        public Answer {
            Objects.requireNonNull(turn, "turn");
            Objects.requireNonNull(judged, "judged");
        }
    }

    /** What became of asking the judge. */
    sealed interface Judged {

        record Scored(Judgement judgement) implements Judged {
            public Scored {
                Objects.requireNonNull(judgement, "judgement");
            }
        }

        /** The judge gave no valid judgement (unreachable, too slow, invalid); the run goes on. */
        record Unscored(String reason) implements Judged {
            public Unscored {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    private static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new InvalidRequest(field + " must be 1 to " + maxLength + " characters, got "
                    + (value == null ? "nothing" : value.isBlank() ? "blank" : value.length() + " characters"));
        }
    }
}
