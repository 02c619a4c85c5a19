package org.eecs.perception.vad;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eecs.perception.audio.PcmAudio;

/**
 * Cuts a 16 kHz stream into speech segments from Silero VAD's per-frame probabilities (the rules of Silero's own
 * {@code get_speech_timestamps}, made streaming):
 * <ul>
 *   <li>speech starts at the first frame whose probability reaches {@code threshold};</li>
 *   <li>with hysteresis, it only counts as silence again once a frame falls below
 *       {@code threshold - hysteresis}; the silence is then taken to begin where the probability first fell
 *       below {@code threshold} (frames in between that rise to the threshold again continue the speech);</li>
 *   <li>speech ends where silence began, once that silence has lasted {@code minSilence} (shorter pauses stay
 *       inside the segment), or when the segment reaches {@code maxSpeech}, or at the end of the stream;</li>
 *   <li>segments shorter than {@code minSpeech} are dropped;</li>
 *   <li>each kept segment is widened by {@code padding} on both sides, clamped to the stream and never
 *       overlapping the previous segment.</li>
 * </ul>
 * Feed audio in chunks of any length with {@link #accept(float[])}; completed segments come back as soon as they
 * are known (at most {@code minSilence} plus one frame after speech stopped). One segmenter per stream; not
 * thread-safe.
 */
public final class SpeechSegmenter {

    /**
     * @param threshold   probability at or above which a frame is speech
     * @param hysteresis  how far below the threshold a frame must fall to count as silence
     * @param minSpeech   shortest segment kept
     * @param minSilence  shortest pause that ends a segment
     * @param padding     added before and after each segment
     * @param maxSpeech   longest segment (before padding); a longer stretch of speech is cut there
     */
    public record Settings(double threshold, double hysteresis, Duration minSpeech, Duration minSilence,
                           Duration padding, Duration maxSpeech) {

        /** Silero's threshold and hysteresis; a pause of half a second ends a turn. */
        public static final Settings DEFAULTS = new Settings(0.5, 0.15, Duration.ofMillis(250),
                Duration.ofMillis(500), Duration.ofMillis(30), Duration.ofSeconds(30));

        public Settings {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("threshold must lie in (0, 1), got " + threshold);
            }
            if (!(hysteresis >= 0 && hysteresis < threshold)) {
                throw new IllegalArgumentException("hysteresis must lie in [0, threshold), got " + hysteresis);
            }
            for (Duration d : List.of(Objects.requireNonNull(minSpeech, "minSpeech"),
                    Objects.requireNonNull(minSilence, "minSilence"), Objects.requireNonNull(padding, "padding"),
                    Objects.requireNonNull(maxSpeech, "maxSpeech"))) {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("durations must not be negative, got " + d);
                }
            }
            if (maxSpeech.compareTo(minSpeech) <= 0) {
                throw new IllegalArgumentException("maxSpeech " + maxSpeech + " must exceed minSpeech " + minSpeech);
            }
        }

        public Settings withThreshold(double threshold, double hysteresis) {
            return new Settings(threshold, hysteresis, minSpeech, minSilence, padding, maxSpeech);
        }

        public Settings withMinSpeech(Duration minSpeech) {
            return new Settings(threshold, hysteresis, minSpeech, minSilence, padding, maxSpeech);
        }

        public Settings withMinSilence(Duration minSilence) {
            return new Settings(threshold, hysteresis, minSpeech, minSilence, padding, maxSpeech);
        }

        public Settings withPadding(Duration padding) {
            return new Settings(threshold, hysteresis, minSpeech, minSilence, padding, maxSpeech);
        }

        public Settings withMaxSpeech(Duration maxSpeech) {
            return new Settings(threshold, hysteresis, minSpeech, minSilence, padding, maxSpeech);
        }
    }

    private final SileroVad.Stream detector;
    private final float threshold;
    private final float silenceBelow;
    private final long minSpeech;
    private final long minSilence;
    private final long padding;
    private final long maxSpeech;

    private final float[] frame = new float[SileroVad.FRAME];
    private int buffered;
    private long position; // samples fed to the model so far
    private boolean inSpeech;
    private long speechStart;
    private long silenceStart = -1;
    private long belowSince = -1;
    private long previousEnd;

    public SpeechSegmenter(SileroVad vad, Settings settings) {
        this.detector = vad.newStream();
        this.threshold = (float) settings.threshold();
        this.silenceBelow = (float) (settings.threshold() - settings.hysteresis());
        this.minSpeech = samples(settings.minSpeech());
        this.minSilence = samples(settings.minSilence());
        this.padding = samples(settings.padding());
        this.maxSpeech = samples(settings.maxSpeech());
    }

    /** The segments of a whole recording. */
    public static List<SpeechSegment> segments(SileroVad vad, Settings settings, PcmAudio audio) {
        if (audio.sampleRate() != SileroVad.SAMPLE_RATE) {
            throw new IllegalArgumentException("Silero VAD needs 16 kHz audio, got " + audio.sampleRate() + " Hz");
        }
        SpeechSegmenter segmenter = new SpeechSegmenter(vad, settings);
        List<SpeechSegment> segments = new ArrayList<>(segmenter.accept(audio.samples()));
        segments.addAll(segmenter.finish());
        return segments;
    }

    /** Feeds the next samples (16 kHz, [-1, 1]); returns the segments completed by them, in order. */
    public List<SpeechSegment> accept(float[] samples) {
        return accept(samples, 0, samples.length);
    }

    public List<SpeechSegment> accept(float[] samples, int offset, int length) {
        List<SpeechSegment> completed = new ArrayList<>(1);
        int at = offset;
        int end = offset + length;
        while (at < end) {
            int n = Math.min(SileroVad.FRAME - buffered, end - at);
            System.arraycopy(samples, at, frame, buffered, n);
            buffered += n;
            at += n;
            if (buffered == SileroVad.FRAME) {
                step(detector.probability(frame), completed);
                buffered = 0;
            }
        }
        return completed;
    }

    /**
     * Where the speech going on now started, in samples from the start of the stream (before padding); empty while
     * there is none. Lets a caller start sending an utterance before it is complete.
     */
    public java.util.OptionalLong speechSince() {
        return inSpeech ? java.util.OptionalLong.of(speechStart) : java.util.OptionalLong.empty();
    }

    /**
     * Ends the stream: a trailing partial frame is padded with silence and judged, and speech still going on is
     * closed at the end of the audio. Returns the segments this completes.
     */
    public List<SpeechSegment> finish() {
        long streamEnd = position + buffered;
        List<SpeechSegment> completed = new ArrayList<>(2);
        if (buffered > 0) {
            java.util.Arrays.fill(frame, buffered, SileroVad.FRAME, 0f);
            step(detector.probability(frame), completed);
            buffered = 0;
            completed.replaceAll(segment -> clampEnd(segment, streamEnd));
        }
        if (inSpeech) {
            long end = Math.min(silenceStart >= 0 ? silenceStart : streamEnd, streamEnd);
            inSpeech = false;
            silenceStart = -1;
            if (end > speechStart) {
                SpeechSegment last = close(speechStart, end, streamEnd);
                if (last != null) {
                    completed.add(last);
                }
            }
        }
        return completed;
    }

    private void step(float probability, List<SpeechSegment> completed) {
        long frameStart = position;
        position += SileroVad.FRAME;
        if (!inSpeech) {
            if (probability >= threshold) {
                inSpeech = true;
                speechStart = frameStart;
                silenceStart = -1;
                belowSince = -1;
            }
            return;
        }
        if (probability >= threshold) {
            belowSince = -1;
            silenceStart = -1;
        } else {
            if (belowSince < 0) {
                belowSince = frameStart;
            }
            if (probability < silenceBelow && silenceStart < 0) {
                // hysteresis decides that speech stopped; it stopped where the probability first fell below
                // the threshold
                silenceStart = belowSince;
            }
        }
        if (silenceStart >= 0 && position - silenceStart >= minSilence) {
            inSpeech = false;
            SpeechSegment segment = close(speechStart, silenceStart, position);
            silenceStart = -1;
            if (segment != null) {
                completed.add(segment);
            }
        } else if (position - speechStart >= maxSpeech) {
            long cut = speechStart + maxSpeech;
            SpeechSegment segment = close(speechStart, cut, position);
            speechStart = cut; // speech goes on: the next segment starts here
            silenceStart = -1;
            belowSince = -1;
            if (segment != null) {
                completed.add(segment);
            }
        }
    }

    private SpeechSegment close(long start, long end, long seen) {
        if (end - start < minSpeech) {
            return null;
        }
        long paddedStart = Math.max(Math.max(0, previousEnd), start - padding);
        long paddedEnd = Math.min(seen, end + padding);
        previousEnd = paddedEnd;
        return new SpeechSegment(paddedStart, paddedEnd);
    }

    private static SpeechSegment clampEnd(SpeechSegment segment, long streamEnd) {
        return segment.endSample() <= streamEnd ? segment
                : new SpeechSegment(segment.startSample(), Math.max(segment.startSample() + 1, streamEnd));
    }

    private static long samples(Duration duration) {
        return duration.toNanos() * SileroVad.SAMPLE_RATE / 1_000_000_000L;
    }
}
