package org.eecs.robot.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eecs.perception.audio.PcmAudio;

/**
 * One care response as the robot performs it: speech, face frames and a joint trajectory, each at an offset from a
 * common start (docs/robot-protocol.md, format {@code eecs.performance-plan} version 1). Times are microseconds.
 *
 * @param motion absent for a plan that moves nothing (a scripted line): the body then returns to rest, if it is not
 *               there already, and stays
 */
public record PerformancePlan(long durationUs, Response response, Speech speech, Face face,
                              Optional<Motion> motion) {

    public PerformancePlan {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(speech, "speech");
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(motion, "motion");
        if (durationUs < 0) {
            throw new IllegalArgumentException("durationUs must not be negative, got " + durationUs);
        }
    }

    /** The care response being performed, in the vocabularies' words; for logs and displays. */
    public record Response(String text, String tone, String face, String motion) {
    }

    /** A word or phoneme, {@code [startSample, endSample)} within the audio. */
    public record Timed(String text, long startSample, long endSample) {
    }

    /** The speech: 16 kHz mono audio starting {@code offsetUs} after the common start. */
    public record Speech(long offsetUs, PcmAudio audio, List<Timed> words) {

        public Speech {
            Objects.requireNonNull(audio, "audio");
            words = List.copyOf(words);
            if (audio.sampleRate() != PcmAudio.RATE) {
                throw new IllegalArgumentException("speech must be 16 kHz, got " + audio.sampleRate() + " Hz");
            }
        }

        public long durationUs() {
            return audio.length() * 1_000_000L / audio.sampleRate();
        }
    }

    /**
     * Face frames: {@code frameCount x channels.size()} values in [0, 1], frame after frame; frame {@code i} is shown
     * at {@link #frameStartUs(int)} and held until the next.
     */
    public record Face(long offsetUs, int framesPerSecond, List<String> channels, int frameCount, float[] values) {

        public Face {
            channels = List.copyOf(channels);
            if (framesPerSecond <= 0) {
                throw new IllegalArgumentException("framesPerSecond must be positive, got " + framesPerSecond);
            }
            if (values.length != (long) frameCount * channels.size()) {
                throw new IllegalArgumentException("face values: " + values.length + " for " + frameCount
                        + " frames of " + channels.size() + " channels");
            }
        }

        public long frameStartUs(int frame) {
            return offsetUs + frame * 1_000_000L / framesPerSecond;
        }

        /** The frame showing at {@code atUs}, or -1 before the first and after the last has been held. */
        public int frameAt(long atUs) {
            if (atUs < offsetUs || frameCount == 0) {
                return -1;
            }
            long frame = (atUs - offsetUs) * framesPerSecond / 1_000_000L;
            if (frame + 1 < frameCount && frameStartUs((int) frame + 1) <= atUs) {
                frame++; // frame starts are whole microseconds, rounded down
            }
            return frame < frameCount ? (int) frame : -1;
        }

        public long endUs() {
            return frameStartUs(frameCount);
        }

        public float[] frame(int frame) {
            float[] values = new float[channels.size()];
            System.arraycopy(this.values, frame * channels.size(), values, 0, channels.size());
            return values;
        }
    }

    /**
     * A joint trajectory: {@code sampleCount x joints.size()} target angles in radians, sample {@code i} at
     * {@code offsetUs + i * 1e6 / samplesPerSecond} us.
     */
    public record Motion(long offsetUs, int samplesPerSecond, List<String> joints, int sampleCount, float[] positions) {

        public Motion {
            joints = List.copyOf(joints);
            if (samplesPerSecond <= 0) {
                throw new IllegalArgumentException("samplesPerSecond must be positive, got " + samplesPerSecond);
            }
            if (positions.length != (long) sampleCount * joints.size()) {
                throw new IllegalArgumentException("motion positions: " + positions.length + " for " + sampleCount
                        + " samples of " + joints.size() + " joints");
            }
        }

        public double position(int sample, int joint) {
            return positions[sample * joints.size() + joint];
        }

        public long sampleTimeUs(int sample) {
            return offsetUs + sample * 1_000_000L / samplesPerSecond;
        }

        public long endUs() {
            return sampleCount == 0 ? offsetUs : sampleTimeUs(sampleCount - 1);
        }

        public double secondsPerSample() {
            return 1.0 / samplesPerSecond;
        }
    }
}
