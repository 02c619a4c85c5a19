package org.eecs.adapter.in.evaluation;

import java.util.Locale;
import org.eecs.application.port.in.EvaluatingCare.Seen;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.Turn;

/** What a played turn was given and what came of it, in the words the output files use. */
final class Described {

    private Described() {
    }

    /** The face the turn was played with: "stated: angry", "frames: faces/a.jpg", "none". */
    static String face(Seen seen) {
        return switch (seen) {
            case Seen.Stated stated -> "stated: " + stated.expression();
            case Seen.Clip clip -> "frames: " + clip.source();
            case Seen.Nobody nobody -> "none";
        };
    }

    /** The fused care state the turn recognised, or "none". */
    static String recognised(Turn turn) {
        return turn.fused().map(fused -> fused.dominant()).orElse("none");
    }

    static String confidence(Turn turn) {
        return turn.fused().map(fused -> String.format(Locale.ROOT, "%.2f", fused.confidence())).orElse("");
    }

    /** "care library 1a2b3c4d5e6f", "language model openai Qwen/... care-prompt-1", with why not the model, if so. */
    static String answeredBy(Turn turn) {
        AnsweredBy by = turn.answeredBy();
        String who = switch (by.kind()) {
            case CARE_LIBRARY -> by.name();
            case LANGUAGE_MODEL -> "language model " + by.name();
            case CRISIS_PROTOCOL -> "crisis protocol";
        } + " " + by.templateVersion();
        return by.fallbackReason().map(reason -> who + " (" + reason + ")").orElse(who);
    }
}
