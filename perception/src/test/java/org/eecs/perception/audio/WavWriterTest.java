package org.eecs.perception.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WavWriterTest {

    @Test
    void samplesAreWrittenAsTheSameFileAsTheirLittleEndianBytes() {
        short[] samples = new short[4_801];
        Random random = new Random(7);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) random.nextInt();
        }
        samples[0] = Short.MIN_VALUE;
        samples[1] = Short.MAX_VALUE;
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            pcm[2 * i] = (byte) samples[i];
            pcm[2 * i + 1] = (byte) (samples[i] >> 8);
        }

        assertThat(WavWriter.wav(samples, 16_000)).isEqualTo(WavWriter.wav(pcm, 16_000, 1));
    }

    @Test
    void writtenSamples_decodeToTheSameSound() {
        short[] samples = {0, 16_384, -16_384, Short.MIN_VALUE, 1};

        PcmAudio decoded = new WavDecoder().decode(WavWriter.wav(samples, 16_000));

        assertThat(decoded.sampleRate()).isEqualTo(16_000);
        assertThat(decoded.samples()).containsExactly(0f, 0.5f, -0.5f, -1f, 1 / 32768f);
    }
}
