package org.eecs.adapter.in.web;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.performance.FaceChannel;
import org.eecs.domain.performance.FaceTimeline;
import org.eecs.domain.performance.JointTrajectory;
import org.eecs.domain.performance.PerformancePlan;
import org.eecs.domain.performance.Speech;
import org.eecs.domain.performance.TimedLabel;
import org.eecs.perception.audio.WavWriter;

/**
 * The performance plan's wire form, {@code eecs.performance-plan} version 1, exactly as docs/robot-protocol.md
 * specifies it: metadata as JSON, audio and dense frames as base64 of little-endian binary arrays, all times as
 * integer microseconds or sample and frame indices. The binary fields are bytes here: Jackson writes them as
 * standard base64 (its default variant: the RFC 4648 alphabet, padded, no line feeds) straight into its output,
 * without a 200 KB string in between or a check of each of its characters for escaping.
 */
record PerformancePlanJson(String format, int version, long durationUs, ResponseJson response, SpeechJson speech,
                           FaceJson face, MotionJson motion) {

    static final String FORMAT = "eecs.performance-plan";
    static final int VERSION = 1;

    static PerformancePlanJson of(PerformancePlan plan) {
        return new PerformancePlanJson(FORMAT, VERSION, plan.duration().toNanos() / 1_000,
                ResponseJson.of(plan.response()), speech(plan), face(plan), motion(plan));
    }

    /** A care response in the words of its vocabularies ("lean forward and nod"). */
    record ResponseJson(String text, String tone, String face, String motion) {
        static ResponseJson of(CareResponse response) {
            return new ResponseJson(response.text(), response.tone().label(), response.face().label(),
                    response.motion().label());
        }
    }

    record SpeechJson(long offsetUs, int sampleRate, int sampleCount, String voice, String encoding, byte[] wav,
                      List<LabelJson> words, List<LabelJson> phonemes) {
    }

    /** @param startSample first sample, {@code endSample} one past the last, at 16 kHz */
    record LabelJson(String text, long startSample, long endSample) {
        static LabelJson of(TimedLabel label) {
            return new LabelJson(label.label(), sampleAt(label.start().toNanos()), sampleAt(label.end().toNanos()));
        }
    }

    record FaceJson(long offsetUs, int framesPerSecond, int frameCount, List<String> channels, String encoding,
                    byte[] frames) {
    }

    record MotionJson(long offsetUs, int samplesPerSecond, int sampleCount, List<String> joints, String unit,
                      String encoding, byte[] positions) {
    }

    private static SpeechJson speech(PerformancePlan plan) {
        Speech speech = plan.speech();
        return new SpeechJson(plan.speechOffset().toNanos() / 1_000, Speech.SAMPLE_RATE, speech.samples().length,
                speech.voice().toString(), "wav-pcm16le-mono;base64", wav(speech.samples()),
                speech.words().stream().map(LabelJson::of).toList(),
                speech.phonemes().stream().map(LabelJson::of).toList());
    }

    private static FaceJson face(PerformancePlan plan) {
        FaceTimeline face = plan.face();
        float[] values = face.values();
        byte[] frames = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            frames[i] = (byte) Math.round(values[i] * 255f);
        }
        return new FaceJson(plan.faceOffset().toNanos() / 1_000, FaceTimeline.FRAMES_PER_SECOND, face.frameCount(),
                face.channels().stream().map(FaceChannel::key).toList(), "uint8;base64", frames);
    }

    private static MotionJson motion(PerformancePlan plan) {
        JointTrajectory motion = plan.motion();
        double[] positions = motion.positions();
        ByteBuffer floats = ByteBuffer.allocate(positions.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double position : positions) {
            floats.putFloat((float) position);
        }
        return new MotionJson(plan.motionOffset().toNanos() / 1_000, JointTrajectory.SAMPLES_PER_SECOND,
                motion.sampleCount(), motion.joints(), "rad", "float32le;base64", floats.array());
    }

    /** A complete WAV file: the canonical 44-byte header, then 16 kHz mono 16-bit little-endian PCM. */
    static byte[] wav(short[] samples) {
        return WavWriter.wav(samples, Speech.SAMPLE_RATE);
    }

    /** The sample at a time from the start of the audio, to the nearest (times of synthesised speech fall on samples). */
    private static long sampleAt(long nanos) {
        return (nanos * (Speech.SAMPLE_RATE / 1_000) + 500_000) / 1_000_000;
    }
}
