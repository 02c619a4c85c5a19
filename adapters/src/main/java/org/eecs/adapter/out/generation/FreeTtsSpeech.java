package org.eecs.adapter.out.generation;

import com.sun.speech.freetts.Item;
import com.sun.speech.freetts.Relation;
import com.sun.speech.freetts.Utterance;
import com.sun.speech.freetts.UtteranceProcessor;
import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFormat;
import org.eecs.application.port.out.SynthesizeSpeech;
import org.eecs.domain.Require;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.performance.Speech;
import org.eecs.domain.performance.TimedLabel;

/**
 * The embedded default TTS: FreeTTS's kevin16 diphone voice (US English, 16 kHz mono) in process, loaded once,
 * with each tone rendered by the prosody table's rate, pitch, pitch range and volume.
 *
 * <p>Audio is caught by our own {@link AudioPlayer} instead of a sound card. Word and phoneme timings come from
 * the utterances FreeTTS builds (its segment relation, ARPAbet phones, {@code pau} for pauses): they are the
 * engine's target timings, scaled per utterance to the length of the audio it actually produced (the diphone units
 * run a few per cent shorter than the targets). A voice renders one text at a time, so up to one voice a core is
 * loaded (each about 6 MB beyond the first's 34, which loads the shared lexicon; the first is loaded at start, the
 * others when calls overlap), taken by a call and given back after it:
 * with one voice for the whole server, every robot's synthesis queued behind every other's (a load of 64 robots
 * showed 481 waits of 0.5 s at the median). Two voices speaking at once produce the same samples as one alone.
 */
final class FreeTtsSpeech implements SynthesizeSpeech {

    static final String VOICE = "kevin16";
    static final ModelRef MODEL = new ModelRef("freetts-kevin16", "1.2.2");
    private static final String VOICE_DIRECTORY = "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";

    private final ProsodyTable prosody;
    /** The voices not speaking now; at most {@link #voices} are ever loaded. */
    private final BlockingQueue<Speaker> speakers;
    private final int voices;
    private final AtomicInteger loaded = new AtomicInteger(1);

    FreeTtsSpeech(ProsodyTable prosody) {
        this(prosody, Runtime.getRuntime().availableProcessors());
    }

    FreeTtsSpeech(ProsodyTable prosody, int voices) {
        this.prosody = prosody;
        // FreeTTS finds its voices only through this JVM-wide property; kevin16's directory is all we ship
        System.setProperty("freetts.voices", VOICE_DIRECTORY);
        this.speakers = new ArrayBlockingQueue<>(voices);
        this.voices = voices;
        // one voice at start (it loads the shared lexicon); the others only when calls overlap
        speakers.add(new Speaker());
    }

    @Override
    public Speech synthesize(String text, Tone tone) {
        Require.text("text to speak", text, MAX_TEXT_LENGTH);
        ProsodyTable.Prosody sound = prosody.of(tone);
        Speaker speaker = speakers.poll();
        if (speaker == null) {
            speaker = loaded.getAndUpdate(n -> n < voices ? n + 1 : n) < voices ? new Speaker() : waitForVoice(text);
        }
        try {
            return speaker.speak(text, sound);
        } finally {
            speakers.add(speaker);
        }
    }

    private Speaker waitForVoice(String text) {
        try {
            return speakers.take();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SynthesisFailed("interrupted while waiting for a voice to speak " + Require.quote(text),
                    interrupted);
        }
    }

    /**
     * Held while a voice loads, by every instance in the JVM: FreeTTS reads a voice's letter-to-sound rules through
     * a table in a static field ({@code LetterToSoundImpl.phonemeTable}), and two voices loading at once mixed their
     * tables, then spoke wrong phonemes or failed. Speaking needs no lock: a loaded voice keeps its own rules.
     */
    private static final Object LOADING = new Object();

    /** One loaded voice and what catches its sound; used by one call at a time (it is taken from the queue). */
    private static final class Speaker {

        private final Voice voice;
        private final Capture capture = new Capture();

        private Speaker() {
            Voice loaded;
            synchronized (LOADING) {
                loaded = VoiceManager.getInstance().getVoice(VOICE); // a new instance each time
                if (loaded == null) {
                    throw new IllegalStateException("FreeTTS has no voice " + VOICE + " on the class path");
                }
                loaded.allocate();
            }
            loaded.setAudioPlayer(capture);
            @SuppressWarnings("unchecked")
            List<UtteranceProcessor> processors = loaded.getUtteranceProcessors();
            processors.add(capture);
            this.voice = loaded;
        }

        private Speech speak(String text, ProsodyTable.Prosody sound) {
            capture.clear();
            voice.setRate((float) sound.wordsPerMinute());
            voice.setPitch((float) sound.pitchHz());
            voice.setPitchRange((float) sound.pitchRangeHz());
            voice.setVolume(1f); // applied to the samples below: our player is no sound card
            if (!voice.speak(text)) {
                throw new SynthesisFailed("FreeTTS did not finish speaking " + Require.quote(text), null);
            }
            return capture.speech(text, (float) sound.volume());
        }
    }

    /**
     * Catches what one {@code speak} produces: the audio of each utterance (between {@code begin} and {@code end})
     * and, as the last utterance processor, the segments and words of each utterance, in the same order.
     */
    private static final class Capture implements AudioPlayer, UtteranceProcessor {

        private final ByteArrayOutputStream audio = new ByteArrayOutputStream(1 << 18);
        private final List<Integer> utteranceEnds = new ArrayList<>();
        private final List<Timings> timings = new ArrayList<>();
        private AudioFormat format;

        /** One utterance's phones and words with the engine's target times, in seconds from its start. */
        private record Timings(List<Timed> phones, List<Timed> words, double end) {
        }

        private record Timed(String label, double start, double end) {
        }

        synchronized void clear() {
            audio.reset();
            utteranceEnds.clear();
            timings.clear();
        }

        @Override
        public synchronized void processUtterance(Utterance utterance) {
            List<Timed> phones = new ArrayList<>();
            double previous = 0;
            for (Item segment = utterance.getRelation(Relation.SEGMENT).getHead(); segment != null;
                 segment = segment.getNext()) {
                double end = segment.getFeatures().getFloat("end");
                phones.add(new Timed(segment.getFeatures().getString("name"), previous, end));
                previous = end;
            }
            List<Timed> words = new ArrayList<>();
            Relation wordRelation = utterance.getRelation(Relation.WORD);
            for (Item word = wordRelation == null ? null : wordRelation.getHead(); word != null; word = word.getNext()) {
                Item syllables = word.getItemAs(Relation.SYLLABLE_STRUCTURE);
                Item first = syllables == null || syllables.getDaughter() == null ? null
                        : syllables.getDaughter().getDaughter();
                Item last = syllables == null || syllables.getLastDaughter() == null ? null
                        : syllables.getLastDaughter().getLastDaughter();
                if (first != null && last != null) {
                    Item before = first.getItemAs(Relation.SEGMENT).getPrevious();
                    words.add(new Timed(word.getFeatures().getString("name"),
                            before == null ? 0 : before.getFeatures().getFloat("end"),
                            last.getFeatures().getFloat("end")));
                }
            }
            timings.add(new Timings(phones, words, previous));
        }

        synchronized Speech speech(String text, float volume) {
            byte[] bytes = audio.toByteArray();
            short[] samples = new short[bytes.length / 2];
            boolean bigEndian = format == null || format.isBigEndian();
            for (int i = 0; i < samples.length; i++) {
                int hi = bigEndian ? bytes[2 * i] : bytes[2 * i + 1];
                int lo = (bigEndian ? bytes[2 * i + 1] : bytes[2 * i]) & 0xFF;
                samples[i] = (short) Math.round(((hi << 8) | lo) * volume);
            }
            if (samples.length == 0) {
                throw new SynthesisFailed("FreeTTS produced no sound for " + Require.quote(text)
                        + " (nothing it can pronounce)", null);
            }
            if (format != null && (format.getSampleRate() != Speech.SAMPLE_RATE || format.getChannels() != 1
                    || format.getSampleSizeInBits() != 16)) {
                throw new SynthesisFailed("FreeTTS produced " + format + ", not 16 kHz 16-bit mono", null);
            }
            List<TimedLabel> words = new ArrayList<>();
            List<TimedLabel> phonemes = new ArrayList<>();
            if (timings.size() == utteranceEnds.size()) { // otherwise the engine's timings cannot be placed
                int start = 0;
                for (int u = 0; u < timings.size(); u++) {
                    int end = utteranceEnds.get(u) / 2;
                    Timings utterance = timings.get(u);
                    double scale = utterance.end() > 0 ? (end - start) / (utterance.end() * Speech.SAMPLE_RATE) : 0;
                    place(utterance.words(), start, scale, end, words);
                    place(utterance.phones(), start, scale, end, phonemes);
                    start = end;
                }
            }
            return new Speech(samples, words, phonemes, MODEL);
        }

        private static void place(List<Timed> timed, int startSample, double scale, int endSample,
                                  List<TimedLabel> into) {
            for (Timed label : timed) {
                into.add(new TimedLabel(label.label(), at(startSample, label.start(), scale, endSample),
                        at(startSample, label.end(), scale, endSample)));
            }
        }

        private static Duration at(int startSample, double seconds, double scale, int endSample) {
            long sample = Math.min(endSample, startSample + Math.round(seconds * scale * Speech.SAMPLE_RATE));
            return Duration.ofNanos(sample * (1_000_000_000L / Speech.SAMPLE_RATE));
        }

        @Override
        public synchronized void setAudioFormat(AudioFormat format) {
            this.format = format;
        }

        @Override
        public synchronized AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public void begin(int size) {
        }

        @Override
        public synchronized boolean end() {
            utteranceEnds.add(audio.size());
            return true;
        }

        @Override
        public boolean write(byte[] bytes) {
            return write(bytes, 0, bytes.length);
        }

        @Override
        public synchronized boolean write(byte[] bytes, int offset, int length) {
            audio.write(bytes, offset, length);
            return true;
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void reset() {
        }

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void cancel() {
        }

        @Override
        public void close() {
        }

        @Override
        public float getVolume() {
            return 1f;
        }

        @Override
        public void setVolume(float volume) {
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {
        }

        @Override
        public void startFirstSampleTimer() {
        }

        @Override
        public void showMetrics() {
        }
    }
}
