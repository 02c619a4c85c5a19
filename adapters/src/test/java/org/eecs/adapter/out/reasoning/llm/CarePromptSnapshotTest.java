package org.eecs.adapter.out.reasoning.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eecs.application.port.out.ReasonAboutCare.Exchange;
import org.eecs.application.port.out.ReasonAboutCare.SessionContext;
import org.eecs.application.port.out.ReasonAboutCare.Situation;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionFusion;
import org.eecs.domain.emotion.EmotionFusion.FusedState;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.Preferences;
import org.junit.jupiter.api.Test;

/**
 * The rendered prompt, character for character, against snapshots under src/test/resources/reasoning/: a change of
 * the template or of its filling shows up here, to be reviewed and given a new template version. After a deliberate
 * change, run once with {@code -Deecs.update-snapshots=true} to rewrite the snapshots, and review their diff.
 */
class CarePromptSnapshotTest {

    private static final Path SNAPSHOTS = Path.of("src/test/resources/reasoning");
    private static final TimeWindow WINDOW =
            TimeWindow.of(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofSeconds(4));

    private final CarePrompt prompt = new CarePrompt(400, 2);

    @Test
    void withEmotionContextAndEarlierTurns() throws IOException {
        double[] anxious = {0.62, 0.18, 0.02, 0.08, 0.04, 0.05, 0.01};
        FusedState fused = new FusedState(new EmotionObservation(Modality.FUSED,
                EmotionDistribution.of(CareState.classNames(), anxious), 0.71, EmotionFusion.MODEL, WINDOW),
                Set.of(Modality.FACE, Modality.SPEECH_TEXT), 0.88);
        Situation situation = new Situation("I feel overwhelmed and don't know what to do.", Optional.of(fused),
                false, new SessionContext(List.of(
                        new Exchange("Good morning.", "Hello! It's good to see you. How are you feeling today?"),
                        new Exchange("Not great. The operation is tomorrow.", "That sounds like a lot to carry."),
                        new Exchange("They said it takes \"about two hours\".", "Let's take one slow breath together.")),
                        AgeGroup.SENIOR, "en-GB", new Preferences(List.of("likes gardening", "prefers short answers")),
                        "ease pre-operative anxiety"),
                Set.of("Robin"));

        matchesSnapshot("care-prompt-1.with-emotion.txt", prompt.render(situation, RobotAbilities.everything()));
    }

    @Test
    void withheldEmotion_aSmallerRobot_andAFirstTurn() throws IOException {
        RobotAbilities small = new RobotAbilities(Set.of(Tone.NEUTRAL, Tone.CALM),
                Set.of(FacialExpression.NEUTRAL, FacialExpression.SMILE), Set.of(Motion.NONE, Motion.NOD));
        Situation situation = new Situation("Why is everything so unfair to me?", Optional.empty(), true,
                new SessionContext(List.of(), AgeGroup.YOUTH, "en", Preferences.none(), "talk about school"),
                Set.of());

        matchesSnapshot("care-prompt-1.without-emotion.txt", prompt.render(situation, small));
    }

    private static void matchesSnapshot(String name, CarePrompt.Rendered rendered) throws IOException {
        String actual = "=== system ===\n" + rendered.system() + "\n=== user ===\n" + rendered.user() + "\n";
        Path snapshot = SNAPSHOTS.resolve(name);
        if (Boolean.getBoolean("eecs.update-snapshots")) {
            Files.createDirectories(SNAPSHOTS);
            Files.writeString(snapshot, actual, StandardCharsets.UTF_8);
        }
        assertThat(snapshot).as("snapshot %s (write it with -Deecs.update-snapshots=true)", snapshot).exists();
        assertThat(actual).isEqualTo(Files.readString(snapshot, StandardCharsets.UTF_8));
    }
}
