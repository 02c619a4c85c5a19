package org.eecs.adapter.out.recognition.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eecs.domain.emotion.CareState;
import org.junit.jupiter.api.Test;

class TextCueExemplarsTest {

    private static final String SEVEN_STATES = """
            anxiety\tI am worried.
            sadness\tI am sad.
            anger\tI am angry.
            fear\tI am scared.
            frustration\tI am fed up.
            neutral\tIt is Tuesday.
            positive\tI am glad.
            """;

    private static String versionOf(String content) {
        return TextCueExemplars.parse("test", content).version();
    }

    @Test
    void theVersionIsTheStartOfTheSha256OfTheExemplarsCanonicalForm() throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(SEVEN_STATES.getBytes(StandardCharsets.UTF_8))).substring(0, 12);

        assertThat(versionOf(SEVEN_STATES)).isEqualTo(expected);
    }

    @Test
    void changingASentenceChangesTheVersion() {
        assertThat(versionOf(SEVEN_STATES.replace("I am sad.", "I am very sad.")))
                .isNotEqualTo(versionOf(SEVEN_STATES));
    }

    @Test
    void relabellingASentenceChangesTheVersion() {
        assertThat(versionOf(SEVEN_STATES.replace("anger\tI am angry.", "frustration\tI am angry.")
                .replace("frustration\tI am fed up.", "anger\tI am fed up.")))
                .isNotEqualTo(versionOf(SEVEN_STATES));
    }

    @Test
    void addingAnExemplarChangesTheVersion() {
        assertThat(versionOf(SEVEN_STATES + "positive\tThank you.\n")).isNotEqualTo(versionOf(SEVEN_STATES));
    }

    @Test
    void commentsBlankLinesAndSurroundingSpacesDoNotChangeTheVersion() {
        String commented = "# a header\n\n" + SEVEN_STATES.replace("I am sad.", "  I am sad.  ") + "\n# the end\n";

        assertThat(versionOf(commented)).isEqualTo(versionOf(SEVEN_STATES));
    }

    @Test
    void aFileWithoutAnExemplarForEveryStateIsRefused() {
        assertThatThrownBy(() -> TextCueExemplars.parse("test", SEVEN_STATES.replace("fear\tI am scared.\n", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[fear]");
    }

    @Test
    void anUnknownStateIsRefusedWithItsLine() {
        assertThatThrownBy(() -> TextCueExemplars.parse("test", "joy\tI am glad.\n" + SEVEN_STATES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("\"joy\" is not a care state");
    }

    @Test
    void aLineWithoutATabIsRefusedWithItsLine() {
        assertThatThrownBy(() -> TextCueExemplars.parse("test", SEVEN_STATES + "anxiety I am worried.\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 8");
    }

    @Test
    void theBundledFileHasSeveralExemplarsPerStateAndThePapersSentences() {
        TextCueExemplars bundled = TextCueExemplars.bundled();

        Map<CareState, Long> perState = bundled.exemplars().stream()
                .collect(Collectors.groupingBy(TextCueExemplars.Exemplar::state, Collectors.counting()));
        assertThat(perState.keySet()).containsExactlyInAnyOrder(CareState.values());
        assertThat(perState.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(5));
        Map<String, CareState> byText = bundled.exemplars().stream().collect(Collectors.toMap(
                TextCueExemplars.Exemplar::sentence, TextCueExemplars.Exemplar::state, (a, b) -> a));
        assertThat(byText).containsEntry("I feel overwhelmed and don't know what to do.", CareState.ANXIETY);
        assertThat(byText.get("Why is everything so unfair to me?")).isIn(CareState.ANGER, CareState.FRUSTRATION);
        assertThat(bundled.version()).matches("[0-9a-f]{12}");
    }
}
