package org.eecs.adapter.out.recognition.text;

import java.time.Duration;
import java.time.Instant;
import org.eecs.domain.TimeWindow;

/** One real all-MiniLM-L6-v2 text cue reader for all tests in this JVM: the model loads once, about 2 s. */
final class TextCuesOnTheRealModel {

    static final TimeWindow WINDOW = TimeWindow.of(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofSeconds(4));

    private static final SentenceEmbeddingTextCues TEXT_CUES = SentenceEmbeddingTextCues.withBundledExemplars();

    private TextCuesOnTheRealModel() {
    }

    static SentenceEmbeddingTextCues textCues() {
        return TEXT_CUES;
    }
}
