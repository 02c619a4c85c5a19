package org.eecs.adapter.out.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.care.Tone;
import org.eecs.domain.performance.Speech;
import org.eecs.domain.performance.TimedLabel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FreeTtsSpeechTest {

    static final String TWO_SENTENCES =
            "You're not alone, I can help you step by step. Let's take a slow breath together.";

    private static final Map<Tone, Speech> SPOKEN = new EnumMap<>(Tone.class);

    @BeforeAll
    static void speakInEveryTone() {
        for (Tone tone : Tone.values()) {
            SPOKEN.put(tone, Voice.freeTts().synthesize(TWO_SENTENCES, tone));
        }
    }

    @Test
    void robotsSpeakingAtOnceEachGetTheSpeechTheyWouldAlone() throws Exception {
        FreeTtsSpeech twoVoices = new FreeTtsSpeech(Voice.FILES.prosody(), 2);
        Map<Tone, Speech> alone = new EnumMap<>(Tone.class);
        for (Tone tone : List.of(Tone.CALM, Tone.CHEERFUL)) {
            alone.put(tone, twoVoices.synthesize(TWO_SENTENCES, tone));
        }
        try (ExecutorService robots = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> same = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Tone tone = i % 2 == 0 ? Tone.CALM : Tone.CHEERFUL;
                same.add(robots.submit(() -> {
                    Speech speech = twoVoices.synthesize(TWO_SENTENCES, tone);
                    return Arrays.equals(speech.samples(), alone.get(tone).samples())
                            && speech.words().equals(alone.get(tone).words());
                }));
            }
            for (Future<Boolean> each : same) {
                assertThat(each.get()).isTrue();
            }
        }
    }

    /** Two servers in one JVM, or voices loaded as robots' calls overlap (FreeTTS keeps a loading table static). */
    @Test
    void voicesLoadedAtOnce_eachSpeaksAsTheFirstDid() throws Exception {
        int loading = 4;
        CyclicBarrier together = new CyclicBarrier(loading);
        try (ExecutorService servers = Executors.newFixedThreadPool(loading)) {
            List<Future<Speech>> spoken = new ArrayList<>();
            for (int i = 0; i < loading; i++) {
                spoken.add(servers.submit(() -> {
                    together.await();
                    return new FreeTtsSpeech(Voice.FILES.prosody(), 1).synthesize(TWO_SENTENCES, Tone.CALM);
                }));
            }
            Speech first = SPOKEN.get(Tone.CALM);
            for (Future<Speech> each : spoken) {
                Speech speech = each.get();
                assertThat(speech.phonemes()).isEqualTo(first.phonemes());
                assertThat(Arrays.equals(speech.samples(), first.samples())).as("the same samples").isTrue();
            }
        }
    }

    @Test
    void eachToneSpeaksAtTheRateOfTheProsodyTable() {
        ProsodyTable.Prosody neutral = Voice.FILES.prosody().of(Tone.NEUTRAL);
        for (Tone tone : Tone.values()) {
            ProsodyTable.Prosody prosody = Voice.FILES.prosody().of(tone);
            double measured = seconds(SPOKEN.get(Tone.NEUTRAL)) / seconds(SPOKEN.get(tone));
            double table = prosody.wordsPerMinute() / neutral.wordsPerMinute();
            // the same words take longer the slower the tone: measured 0.909 to 1.251 of neutral, as the table says
            assertThat(measured).as("speech rate of %s relative to neutral", tone).isCloseTo(table, within(0.03 * table));
        }
    }

    @Test
    void eachToneSpeaksAtThePitchOfTheProsodyTable() {
        ProsodyTable.Prosody neutral = Voice.FILES.prosody().of(Tone.NEUTRAL);
        double neutralPitch = Voice.medianPitch(SPOKEN.get(Tone.NEUTRAL));
        for (Tone tone : Tone.values()) {
            double measured = Voice.medianPitch(SPOKEN.get(tone)) / neutralPitch;
            double table = Voice.FILES.prosody().of(tone).pitchHz() / neutral.pitchHz();
            // median F0 of the voiced frames, e.g. 84.7 Hz calm, 94.1 neutral, 115.1 cheerful (table 88, 100, 125)
            assertThat(measured).as("pitch of %s relative to neutral", tone).isCloseTo(table, within(0.04 * table));
        }
        assertThat(Voice.medianPitch(SPOKEN.get(Tone.CHEERFUL))).isGreaterThan(Voice.medianPitch(SPOKEN.get(Tone.WARM)))
                .isGreaterThan(0);
        assertThat(Voice.medianPitch(SPOKEN.get(Tone.CALM))).isLessThan(Voice.medianPitch(SPOKEN.get(Tone.GENTLE)));
    }

    @Test
    void theWordsAreTimedInOrderWithinTheAudio() {
        Speech speech = SPOKEN.get(Tone.WARM);
        assertThat(speech.words()).extracting(TimedLabel::label).containsExactly("youre", "not", "alone", "i", "can",
                "help", "you", "step", "by", "step", "let", "'s", "take", "a", "slow", "breath", "together");
        assertOrdered(speech.words(), speech.duration());
        assertOrdered(speech.phonemes(), speech.duration());
        assertThat(speech.phonemes()).extracting(TimedLabel::label).startsWith("pau", "y", "er", "n", "aa", "t");
        assertThat(speech.voice()).isEqualTo(FreeTtsSpeech.MODEL);
    }

    @Test
    void theDurationIsExactlyTheSamplesAt16kHz() {
        Speech speech = SPOKEN.get(Tone.NEUTRAL);
        assertThat(speech.duration()).isEqualTo(Duration.ofNanos(speech.samples().length * 62_500L));
        assertThat(speech.duration()).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7));
    }

    @Test
    void emptyTextIsRefused() {
        assertThatThrownBy(() -> Voice.freeTts().synthesize("  ", Tone.NEUTRAL)).isInstanceOf(DomainViolation.class)
                .hasMessageContaining("text to speak must not be blank");
    }

    @Test
    void tenThousandCharactersAreRefusedNotCut() {
        assertThatThrownBy(() -> Voice.freeTts().synthesize("a".repeat(10_000), Tone.NEUTRAL))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("text to speak must be at most 2000 characters, got 10000");
    }

    private static void assertOrdered(List<TimedLabel> labels, Duration length) {
        assertThat(labels).isNotEmpty();
        Duration previous = Duration.ZERO;
        for (TimedLabel label : labels) {
            assertThat(label.start()).isGreaterThanOrEqualTo(previous);
            assertThat(label.end()).isGreaterThanOrEqualTo(label.start()).isLessThanOrEqualTo(length);
            previous = label.start();
        }
    }

    private static double seconds(Speech speech) {
        return speech.duration().toNanos() / 1e9;
    }
}
