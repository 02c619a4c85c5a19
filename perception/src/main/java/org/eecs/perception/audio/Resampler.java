package org.eecs.perception.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited rational resampling with a polyphase windowed-sinc filter.
 *
 * <p>For rates {@code in -> out} with {@code g = gcd(in, out)}, {@code L = out/g} and {@code M = in/g}, output
 * sample {@code n} lies at input position {@code n*M/L}: its integer part selects the input samples, its fraction
 * {@code (n*M mod L)/L} selects one of {@code L} precomputed filter phases. Each phase is the ideal low-pass
 * {@code fc * sinc(fc * x)} (x in input samples) under a Kaiser window (beta {@value #KAISER_BETA}, about -80 dB
 * side lobes) spanning {@value #ZERO_CROSSINGS} zero crossings on each side. The cut-off {@code fc} is
 * {@value #ROLL_OFF} of the lower of the two Nyquist frequencies, so when downsampling (44.1 kHz to 16 kHz) everything
 * above about 7.6 kHz is removed before it could alias, and when upsampling (8 kHz to 16 kHz) the images above
 * the input's Nyquist frequency are removed. Each phase is normalised to unit DC gain. Samples beyond either end
 * count as zero. Instances are immutable and thread-safe; one is cached per rate pair.
 */
public final class Resampler {

    static final int ZERO_CROSSINGS = 16;
    static final double KAISER_BETA = 8.0;
    static final double ROLL_OFF = 0.94;

    private static final Map<Long, Resampler> CACHE = new ConcurrentHashMap<>();

    private final int inRate;
    private final int outRate;
    private final int up;
    private final int down;
    private final int halfWidth;
    private final float[][] phases;

    private Resampler(int inRate, int outRate) {
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        double cutoff = ROLL_OFF * Math.min(1.0, (double) outRate / inRate); // relative to the input's Nyquist
        this.halfWidth = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
        this.phases = new float[up][2 * halfWidth];
        for (int p = 0; p < up; p++) {
            double fraction = (double) p / up;
            double sum = 0;
            double[] taps = new double[2 * halfWidth];
            for (int k = 0; k < taps.length; k++) {
                // tap k weighs input sample (base - halfWidth + 1 + k); its distance from the output position:
                double x = (k - halfWidth + 1) - fraction;
                double w = kaiser(x / halfWidth);
                taps[k] = w == 0 ? 0 : cutoff * sinc(cutoff * x) * w;
                sum += taps[k];
            }
            for (int k = 0; k < taps.length; k++) {
                phases[p][k] = (float) (taps[k] / sum);
            }
        }
    }

    /** The resampler between two rates (cached). */
    public static Resampler between(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + inRate + " -> " + outRate);
        }
        return CACHE.computeIfAbsent(((long) inRate << 32) | outRate, key -> new Resampler(inRate, outRate));
    }

    /** The number of output samples for {@code inputLength} input samples: {@code ceil(inputLength * out / in)}. */
    public long outputLength(long inputLength) {
        return (inputLength * up + down - 1) / down;
    }

    public float[] resample(float[] input) {
        if (inRate == outRate) {
            return input.clone();
        }
        int outLength = Math.toIntExact(outputLength(input.length));
        float[] output = new float[outLength];
        int taps = 2 * halfWidth;
        for (int n = 0; n < outLength; n++) {
            long position = (long) n * down;
            int base = (int) (position / up);
            float[] phase = phases[(int) (position % up)];
            int first = base - halfWidth + 1;
            int from = Math.max(0, -first);
            int to = Math.min(taps, input.length - first);
            float acc = 0;
            for (int k = from; k < to; k++) {
                acc += phase[k] * input[first + k];
            }
            output[n] = acc;
        }
        return output;
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Kaiser window over t in [-1, 1], zero outside. */
    private static double kaiser(double t) {
        if (Math.abs(t) > 1) {
            return 0;
        }
        return besselI0(KAISER_BETA * Math.sqrt(1 - t * t)) / besselI0(KAISER_BETA);
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double halfX = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < sum * 1e-16) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
