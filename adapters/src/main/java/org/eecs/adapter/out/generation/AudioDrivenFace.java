package org.eecs.adapter.out.generation;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eecs.application.port.out.AnimateFace;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.performance.FaceChannel;
import org.eecs.domain.performance.FaceTimeline;
import org.eecs.domain.performance.Speech;
import org.eecs.domain.performance.TimedLabel;

/**
 * The embedded face animator: the mouth follows the speech audio, the chosen expression is blended in and out
 * over the utterance, and the eyes blink now and then. Pure computation, yet an adapter: it is one engine behind
 * {@link AnimateFace} (a learned audio-to-face model could be another) and it renders the robot's own face file.
 *
 * <p>For each frame at {@code t = i/30} s:
 * <ol>
 * <li>Mouth: the RMS of the audio over the frame's 1/30 s, divided by the utterance's 95th-percentile frame RMS,
 *     capped at 1, times {@value #JAW_RANGE}, is the jaw's target; the jaw follows it with a fast attack (0.7 of
 *     the way each frame) and a slower release (0.45), as a jaw does.</li>
 * <li>Visemes, where the speech engine gives phoneme timings: the lips close on p, b, m (mouthClose 1, the jaw
 *     held to a quarter), round on oo, oh, w (mouthPucker 0.6), and the jaw opens a little wider on open vowels
 *     (aa, ae, ah, aw, ay, x 1.15).</li>
 * <li>Expression: the profile's pose for it, weighted by an envelope that rises over the first 0.25 s and falls
 *     over the last 0.30 s (smoothstep; halved for very short speech), added to the mouth channels, capped at 1.</li>
 * <li>Blinks: about every 2.5 to 5.5 s (the first after 0.6 to 1.8 s), five frames (170 ms) of
 *     0.5, 1, 0.75, 0.35, 0.1; eyeWide gives way while the eyes close. The times are drawn from a generator
 *     seeded by the audio's length, so the same speech always gives the same face.</li>
 * </ol>
 * Only the profile's channels are produced, in its order.
 */
final class AudioDrivenFace implements AnimateFace {

    static final double JAW_RANGE = 0.7;
    private static final double ATTACK = 0.7;
    private static final double RELEASE = 0.45;
    private static final double FADE_IN = 0.25;
    private static final double FADE_OUT = 0.30;
    private static final float[] BLINK = {0.5f, 1f, 0.75f, 0.35f, 0.1f};

    private final List<FaceChannel> channels;
    private final Map<FacialExpression, Map<FaceChannel, Double>> expressions;

    AudioDrivenFace(RobotProfileFile profile) {
        this.channels = profile.channels();
        this.expressions = profile.expressions();
    }

    @Override
    public FaceTimeline animate(Speech speech, FacialExpression expression) {
        Map<FaceChannel, Double> pose = expressions.get(expression);
        if (pose == null) {
            throw new DomainViolation("this robot's face has no expression " + expression.label() + "; it has "
                    + String.join(", ", expressions.keySet().stream().map(FacialExpression::label).toList()));
        }
        int frames = FaceTimeline.framesFor(speech.duration());
        float[][] values = new float[FaceChannel.values().length][frames];
        mouth(speech, frames, values);
        expression(pose, speech.duration().toNanos() / 1e9, frames, values);
        blinks(speech.samples().length, frames, values);

        float[] timeline = new float[frames * channels.size()];
        for (int frame = 0; frame < frames; frame++) {
            for (int c = 0; c < channels.size(); c++) {
                timeline[frame * channels.size() + c] = Math.clamp(values[channels.get(c).ordinal()][frame], 0f, 1f);
            }
        }
        return new FaceTimeline(channels, frames, timeline);
    }

    private static void mouth(Speech speech, int frames, float[][] values) {
        double[] energy = frameEnergy(speech.samples(), frames);
        double reference = percentile95(energy);
        float[] jaw = values[FaceChannel.JAW_OPEN.ordinal()];
        float[] close = values[FaceChannel.MOUTH_CLOSE.ordinal()];
        float[] pucker = values[FaceChannel.MOUTH_PUCKER.ordinal()];
        List<TimedLabel> phonemes = speech.phonemes();
        int p = 0;
        double jawNow = 0;
        double closeNow = 0;
        double puckerNow = 0;
        for (int frame = 0; frame < frames; frame++) {
            double target = reference > 0 ? Math.min(1, energy[frame] / reference) * JAW_RANGE : 0;
            double closeTarget = 0;
            double puckerTarget = 0;
            long nanos = frame * 1_000_000_000L / FaceTimeline.FRAMES_PER_SECOND;
            while (p < phonemes.size() && phonemes.get(p).end().toNanos() <= nanos) {
                p++;
            }
            if (p < phonemes.size() && phonemes.get(p).start().toNanos() <= nanos) {
                switch (phonemes.get(p).label()) {
                    case "p", "b", "m" -> {
                        closeTarget = 1;
                        target *= 0.25;
                    }
                    case "uw", "uh", "ow", "oy", "w" -> puckerTarget = 0.6;
                    case "aa", "ae", "ah", "aw", "ay" -> target = Math.min(1, target * 1.15);
                    default -> {
                    }
                }
            }
            jawNow = follow(jawNow, target);
            closeNow = follow(closeNow, closeTarget);
            puckerNow = follow(puckerNow, puckerTarget);
            jaw[frame] = (float) jawNow;
            close[frame] = (float) closeNow;
            pucker[frame] = (float) puckerNow;
        }
    }

    private static double follow(double now, double target) {
        return now + (target - now) * (target > now ? ATTACK : RELEASE);
    }

    /** The RMS of the samples that fall within each frame's 1/30 s. */
    static double[] frameEnergy(short[] samples, int frames) {
        double[] energy = new double[frames];
        for (int frame = 0; frame < frames; frame++) {
            int from = (int) ((long) frame * Speech.SAMPLE_RATE / FaceTimeline.FRAMES_PER_SECOND);
            int to = (int) Math.min(samples.length, (long) (frame + 1) * Speech.SAMPLE_RATE / FaceTimeline.FRAMES_PER_SECOND);
            double sum = 0;
            for (int i = from; i < to; i++) {
                double x = samples[i] / 32768.0;
                sum += x * x;
            }
            energy[frame] = to > from ? Math.sqrt(sum / (to - from)) : 0;
        }
        return energy;
    }

    private static double percentile95(double[] energy) {
        if (energy.length == 0) {
            return 0;
        }
        double[] sorted = energy.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) Math.floor(0.95 * (sorted.length - 1))];
    }

    private static void expression(Map<FaceChannel, Double> pose, double seconds, int frames, float[][] values) {
        double fadeIn = Math.min(FADE_IN, seconds / 2);
        double fadeOut = Math.min(FADE_OUT, seconds / 2);
        for (int frame = 0; frame < frames; frame++) {
            double t = (double) frame / FaceTimeline.FRAMES_PER_SECOND;
            double weight = Math.min(smoothstep(fadeIn <= 0 ? 1 : t / fadeIn),
                    smoothstep(fadeOut <= 0 ? 1 : (seconds - t) / fadeOut));
            for (Map.Entry<FaceChannel, Double> channel : pose.entrySet()) {
                values[channel.getKey().ordinal()][frame] += (float) (channel.getValue() * weight);
            }
        }
    }

    private static double smoothstep(double x) {
        double s = Math.clamp(x, 0, 1);
        return s * s * (3 - 2 * s);
    }

    private static void blinks(long seed, int frames, float[][] values) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] blink = values[FaceChannel.EYE_BLINK.ordinal()];
        float[] wide = values[FaceChannel.EYE_WIDE.ordinal()];
        double at = random.nextDouble(0.6, 1.8);
        while (true) {
            int start = (int) Math.round(at * FaceTimeline.FRAMES_PER_SECOND);
            if (start >= frames) {
                return;
            }
            for (int k = 0; k < BLINK.length && start + k < frames; k++) {
                blink[start + k] = Math.max(blink[start + k], BLINK[k]);
                wide[start + k] *= 1 - BLINK[k];
            }
            at += random.nextDouble(2.5, 5.5);
        }
    }
}
