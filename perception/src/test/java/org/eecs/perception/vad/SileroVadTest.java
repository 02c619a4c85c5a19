package org.eecs.perception.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.eecs.perception.audio.PcmAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SileroVadTest {

    /**
     * The defaults without padding, so that the edges measure the detector itself: Silero's probability falls
     * 1-3 frames (30-100 ms) after speech stops, so padding adds to an error that is already there at the end.
     */
    private static final SpeechSegmenter.Settings SETTINGS = SpeechSegmenter.Settings.DEFAULTS
            .withPadding(Duration.ZERO);
    private static final Duration TOLERANCE = Duration.ofMillis(100);

    private static SileroVad vad;

    @BeforeAll
    static void load() {
        vad = SileroVad.load();
    }

    @AfterAll
    static void close() {
        vad.close();
    }

    @Test
    void silenceGivesNoSegment() {
        PcmAudio silence = PcmAudio.of16kHz(Espeak.silence(5.0, 1));

        assertThat(SpeechSegmenter.segments(vad, SETTINGS, silence)).isEmpty();
        assertThat(SpeechSegmenter.segments(vad, SETTINGS, PcmAudio.of16kHz(new float[48_000]))).isEmpty();
    }

    @Test
    void speechPaddedWithKnownSilenceIsFoundWithin100Milliseconds() {
        PcmAudio speech = Espeak.say("Good morning. I did not sleep well last night, and I am a little worried.");
        PcmAudio audio = PcmAudio.of16kHz(Espeak.concat(Espeak.silence(1.0, 2), speech.samples(),
                Espeak.silence(1.5, 3)));

        List<SpeechSegment> segments = SpeechSegmenter.segments(vad, SETTINGS, audio);

        assertThat(segments).hasSize(1);
        assertNear(segments.getFirst().start(), Duration.ofSeconds(1));
        assertNear(segments.getFirst().end(), Duration.ofSeconds(1).plus(speech.duration()));
    }

    @Test
    void twoUtterancesApartByMoreThanTheMinimumSilenceAreTwoSegments() {
        PcmAudio first = Espeak.say("Hello, how are you today?");
        PcmAudio second = Espeak.say("I feel quite tired.");
        double gap = 1.2; // > minimum silence of 0.5 s
        PcmAudio audio = PcmAudio.of16kHz(Espeak.concat(Espeak.silence(1.0, 4), first.samples(),
                Espeak.silence(gap, 5), second.samples(), Espeak.silence(1.0, 6)));

        List<SpeechSegment> segments = SpeechSegmenter.segments(vad, SETTINGS, audio);

        assertThat(segments).hasSize(2);
        Duration secondStart = Duration.ofSeconds(1).plus(first.duration()).plusMillis((long) (gap * 1000));
        assertNear(segments.get(0).start(), Duration.ofSeconds(1));
        assertNear(segments.get(0).end(), Duration.ofSeconds(1).plus(first.duration()));
        assertNear(segments.get(1).start(), secondStart);
        assertNear(segments.get(1).end(), secondStart.plus(second.duration()));
    }

    @Test
    void aPauseShorterThanTheMinimumSilenceStaysInsideTheSegment() {
        PcmAudio first = Espeak.say("Hello, how are you today?");
        PcmAudio second = Espeak.say("I feel quite tired.");
        PcmAudio audio = PcmAudio.of16kHz(Espeak.concat(Espeak.silence(1.0, 7), first.samples(),
                Espeak.silence(0.25, 8), second.samples(), Espeak.silence(1.0, 9)));

        assertThat(SpeechSegmenter.segments(vad, SETTINGS, audio)).hasSize(1);
    }

    @Test
    void streamingInOddChunksGivesTheSameSegmentsAsTheWholeRecording() {
        PcmAudio speech = Espeak.say("Could you call my daughter, please?");
        float[] all = Espeak.concat(Espeak.silence(0.7, 10), speech.samples(), Espeak.silence(1.0, 11),
                speech.samples(), Espeak.silence(0.9, 12));

        SpeechSegmenter segmenter = new SpeechSegmenter(vad, SETTINGS);
        List<SpeechSegment> streamed = new java.util.ArrayList<>();
        for (int at = 0; at < all.length; at += 333) {
            streamed.addAll(segmenter.accept(all, at, Math.min(333, all.length - at)));
        }
        streamed.addAll(segmenter.finish());

        assertThat(streamed).hasSize(2).isEqualTo(SpeechSegmenter.segments(vad, SETTINGS, PcmAudio.of16kHz(all)));
    }

    @Test
    void speechRunningToTheEndOfTheStreamIsClosedThere() {
        PcmAudio speech = Espeak.say("Please do not stop listening");
        PcmAudio audio = PcmAudio.of16kHz(Espeak.concat(Espeak.silence(1.0, 13), speech.samples()));

        List<SpeechSegment> segments = SpeechSegmenter.segments(vad, SETTINGS, audio);

        assertThat(segments).hasSize(1);
        assertThat(segments.getFirst().endSample()).isLessThanOrEqualTo(audio.length());
        assertNear(segments.getFirst().end(), audio.duration());
    }

    @Test
    void whileSpeechGoesOn_theSegmenterTellsWhereItStarted_andNothingOnceItIsOver() {
        PcmAudio speech = Espeak.say("Please do not stop listening");
        float[] audio = Espeak.concat(Espeak.silence(1.0, 17), speech.samples(), Espeak.silence(1.0, 18));
        SpeechSegmenter segmenter = new SpeechSegmenter(vad, SETTINGS);
        int oneSecondIn = 16_000 + speech.length() / 2;

        segmenter.accept(audio, 0, oneSecondIn);
        long since = segmenter.speechSince().orElseThrow();
        List<SpeechSegment> segments = segmenter.accept(audio, oneSecondIn, audio.length - oneSecondIn);

        assertNear(Duration.ofNanos(since * 1_000_000_000L / 16_000), Duration.ofSeconds(1));
        assertThat(segments).singleElement().satisfies(s -> assertThat(s.startSample()).isLessThanOrEqualTo(since));
        assertThat(segmenter.speechSince()).isEmpty();
    }

    @Test
    void streamsAreIndependentAndShareOneModel() {
        PcmAudio speech = Espeak.say("One model, many streams.");
        float[] all = Espeak.concat(Espeak.silence(0.5, 14), speech.samples(), Espeak.silence(0.5, 15));
        SileroVad.Stream a = vad.newStream();
        SileroVad.Stream b = vad.newStream();
        SileroVad.Stream quiet = vad.newStream();
        float[] silence = new float[SileroVad.FRAME];
        float maxQuiet = 0;
        for (int at = 0; at + SileroVad.FRAME <= all.length; at += SileroVad.FRAME) {
            assertThat(a.probability(all, at)).isEqualTo(b.probability(all, at));
            maxQuiet = Math.max(maxQuiet, quiet.probability(silence));
        }
        assertThat(maxQuiet).isLessThan(0.1f);
    }

    @Test
    void paddingWidensEachSegmentOnBothSides() {
        PcmAudio speech = Espeak.say("I would like some water.");
        PcmAudio audio = PcmAudio.of16kHz(Espeak.concat(Espeak.silence(1.0, 16), speech.samples(),
                Espeak.silence(1.0, 17)));

        SpeechSegment bare = SpeechSegmenter.segments(vad, SETTINGS, audio).getFirst();
        SpeechSegment padded = SpeechSegmenter.segments(vad, SETTINGS.withPadding(Duration.ofMillis(200)), audio)
                .getFirst();

        assertThat(padded.startSample()).isEqualTo(bare.startSample() - 3200);
        assertThat(padded.endSample()).isEqualTo(bare.endSample() + 3200);
    }

    @Test
    void segmentsShorterThanTheMinimumSpeechAreDropped() {
        PcmAudio speech = Espeak.say("Yes.");
        PcmAudio audio = PcmAudio.of16kHz(Espeak.concat(Espeak.silence(1.0, 18), speech.samples(),
                Espeak.silence(1.0, 19)));

        assertThat(SpeechSegmenter.segments(vad, SETTINGS, audio)).hasSize(1);
        assertThat(SpeechSegmenter.segments(vad, SETTINGS.withMinSpeech(speech.duration().plusMillis(300)), audio))
                .isEmpty();
    }

    @Test
    void speechLongerThanTheMaximumIsCut() {
        PcmAudio speech = Espeak.say("This is a rather long sentence that goes on and on without any pause at all.");
        PcmAudio audio = PcmAudio.of16kHz(Espeak.concat(Espeak.silence(0.5, 20), speech.samples(),
                Espeak.silence(1.0, 21)));

        List<SpeechSegment> segments = SpeechSegmenter.segments(vad,
                SETTINGS.withMaxSpeech(Duration.ofSeconds(1)), audio);

        assertThat(segments.size()).isGreaterThan(1);
        assertThat(segments).allSatisfy(s -> assertThat(s.duration()).isLessThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void framesMustBe512Samples() {
        assertThatThrownBy(() -> vad.newStream().probability(new float[500]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> SETTINGS.withThreshold(0.5, 0.6)).hasMessageContaining("hysteresis");
        assertThatThrownBy(() -> SETTINGS.withThreshold(1.5, 0.1)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> SETTINGS.withMinSilence(Duration.ofMillis(-1))).hasMessageContaining("negative");
    }

    private static void assertNear(Duration actual, Duration expected) {
        assertThat(actual.minus(expected).abs())
                .as("%d ms, expected %d ms", actual.toMillis(), expected.toMillis())
                .isLessThanOrEqualTo(TOLERANCE);
    }
}
