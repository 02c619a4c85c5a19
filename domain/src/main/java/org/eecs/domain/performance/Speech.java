package org.eecs.domain.performance;

import java.time.Duration;
import java.util.List;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.emotion.ModelRef;

/**
 * What the robot will say, as sound: 16 kHz mono 16-bit samples (the form of a WAV file's data), with the words
 * and phonemes and when each is heard, where the speech engine tells them (empty lists where it does not).
 *
 * @param samples  16-bit signed samples at {@link #SAMPLE_RATE}; not copied, so treat them as read-only
 * @param words    in spoken order, within the audio
 * @param phonemes in spoken order, within the audio; the speech engine's own phone names (ARPAbet for FreeTTS)
 * @param voice    which engine and voice produced it
 */
public record Speech(short[] samples, List<TimedLabel> words, List<TimedLabel> phonemes, ModelRef voice) {

    public static final int SAMPLE_RATE = 16_000;

    public Speech {
        Require.present("speech samples", samples);
        if (samples.length == 0) {
            throw new DomainViolation("speech must have at least one sample");
        }
        words = List.copyOf(Require.present("words", words));
        phonemes = List.copyOf(Require.present("phonemes", phonemes));
        Require.present("voice", voice);
        Duration length = durationOf(samples.length);
        for (List<TimedLabel> labels : List.of(words, phonemes)) {
            for (TimedLabel label : labels) {
                if (label.end().compareTo(length) > 0) {
                    throw new DomainViolation(Require.quote(label.label()) + " ends at " + label.end()
                            + ", after the speech (" + length + ")");
                }
            }
        }
    }

    /** Exact: every sample lasts 62.5 microseconds. */
    public Duration duration() {
        return durationOf(samples.length);
    }

    private static Duration durationOf(int sampleCount) {
        return Duration.ofNanos(sampleCount * (1_000_000_000L / SAMPLE_RATE));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Speech that && java.util.Arrays.equals(samples, that.samples)
                && words.equals(that.words) && phonemes.equals(that.phonemes) && voice.equals(that.voice);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(samples) * 31 + words.hashCode();
    }

    @Override
    public String toString() {
        return "Speech[" + samples.length + " samples, " + duration().toMillis() + " ms, " + words.size() + " words, "
                + voice + "]";
    }
}
