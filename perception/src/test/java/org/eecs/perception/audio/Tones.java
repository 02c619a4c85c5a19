package org.eecs.perception.audio;

/** Synthetic test signals and their measurement. */
final class Tones {

    private Tones() {
    }

    /** Interleaved 16-bit PCM of a sine in every channel; {@code invertSecond} puts the second channel in antiphase. */
    static byte[] sinePcm(double frequency, double amplitude, int rate, int channels, double seconds,
                          boolean invertSecond) {
        int frames = (int) Math.round(seconds * rate);
        byte[] pcm = new byte[frames * channels * 2];
        int p = 0;
        for (int i = 0; i < frames; i++) {
            double value = amplitude * Math.sin(2 * Math.PI * frequency * i / rate);
            for (int c = 0; c < channels; c++) {
                int s = (int) Math.round((c == 1 && invertSecond ? -value : value) * 32767);
                pcm[p++] = (byte) s;
                pcm[p++] = (byte) (s >> 8);
            }
        }
        return pcm;
    }

    static byte[] sineWav(double frequency, double amplitude, int rate, int channels, double seconds) {
        return WavWriter.wav(sinePcm(frequency, amplitude, rate, channels, seconds, false), rate, channels);
    }

    /** Root mean square over the middle of the signal (away from the filter's edge effects). */
    static double rms(float[] samples) {
        int from = samples.length / 10;
        int to = samples.length - from;
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** The frequency from the rising zero crossings over the middle of the signal, interpolated between samples. */
    static double frequency(float[] samples, int rate) {
        int from = samples.length / 10;
        int to = samples.length - from;
        double first = -1;
        double last = -1;
        int crossings = 0;
        for (int i = from; i < to - 1; i++) {
            if (samples[i] < 0 && samples[i + 1] >= 0) {
                double at = i + samples[i] / (samples[i] - samples[i + 1]);
                if (first < 0) {
                    first = at;
                } else {
                    crossings++;
                }
                last = at;
            }
        }
        return crossings * rate / (last - first);
    }
}
