package org.eecs.adapter.out.reasoning.library;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the patient did with their words, as far as the care library needs to know: a few plain rules on English
 * wording, checked in this order. Other languages fall to SHARING or QUESTION (a question mark) until they get
 * rules of their own.
 */
enum Intent {
    SILENCE,
    GREETING,
    FAREWELL,
    QUESTION,
    SHARING;

    private static final Pattern GREETING_WORDS = Pattern.compile(
            "^(hello|hi|hey|good (morning|afternoon|evening)|nice to (see|meet) you)\\b.{0,30}$");
    private static final Pattern FAREWELL_WORDS = Pattern.compile(
            "^(bye|goodbye|good night|see you|farewell|that's all for today|i have to go)\\b.{0,30}$"
                    + "|\\b(bye|goodbye|see you (later|soon|tomorrow))[.! ]*$");
    private static final Pattern QUESTION_WORDS = Pattern.compile(
            "^(why|what|how|when|where|who|whom|which|can|could|would|will|is|are|am|do|does|did|should|shall"
                    + "|may|might|isn't|aren't|don't|doesn't|won't|can't)\\b");

    static Intent of(String transcript) {
        String said = transcript.strip().toLowerCase(Locale.ROOT);
        if (said.isEmpty()) {
            return SILENCE;
        }
        if (GREETING_WORDS.matcher(said).find()) {
            return GREETING;
        }
        if (FAREWELL_WORDS.matcher(said).find()) {
            return FAREWELL;
        }
        if (said.endsWith("?") || QUESTION_WORDS.matcher(said).find()) {
            return QUESTION;
        }
        return SHARING;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
