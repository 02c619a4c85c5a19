package org.eecs.perception.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WavDecoderTest {

    private final WavDecoder decoder = new WavDecoder();

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000})
    void aToneKeepsItsFrequencyLoudnessAndDurationAt16kHz(int rate) {
        PcmAudio audio = decoder.decode(Tones.sineWav(1000, 0.5, rate, 1, 2.0));

        assertThat(audio.sampleRate()).isEqualTo(16_000);
        assertThat(audio.length()).isEqualTo(32_000);
        assertThat(audio.duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(Tones.frequency(audio.samples(), 16_000)).isCloseTo(1000, within(0.5));
        assertThat(Tones.rms(audio.samples())).isCloseTo(0.5 / Math.sqrt(2), within(0.005));
    }

    @Test
    void fiveSecondsOf44kHzStereoBecomeExactlyFiveSecondsOf16kHzMono() {
        PcmAudio audio = decoder.decode(Tones.sineWav(3000, 0.5, 44_100, 2, 5.0));

        assertThat(audio.length()).isEqualTo(80_000);
        assertThat(audio.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(Tones.frequency(audio.samples(), 16_000)).isCloseTo(3000, within(1.0));
    }

    @Test
    void aToneInThePassbandNearTheEdgeIsKept() {
        PcmAudio audio = decoder.decode(Tones.sineWav(6500, 0.5, 48_000, 1, 1.0));

        assertThat(Tones.rms(audio.samples())).isCloseTo(0.5 / Math.sqrt(2), within(0.01));
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {9000, 10_000, 15_000, 20_000})
    void tonesAboveTheNewNyquistFrequencyAreFilteredOutNotAliased(int frequency) {
        PcmAudio audio = decoder.decode(Tones.sineWav(frequency, 0.5, 44_100, 1, 1.0));

        // without the low-pass, 10 kHz would fold onto 6 kHz at full strength; the filter keeps it 60 dB down
        assertThat(Tones.rms(audio.samples())).isLessThan(0.5 / Math.sqrt(2) / 1000);
    }

    @Test
    void upsamplingLeavesNoImagesAboveTheOriginalNyquistFrequency() {
        PcmAudio audio = decoder.decode(Tones.sineWav(3000, 0.5, 8000, 1, 1.0));
        float[] s = audio.samples();
        // a 3 kHz tone plus an image at 5 kHz would beat; a clean tone has a constant envelope: check its peaks
        float[] middle = Arrays.copyOfRange(s, 2000, 14_000);
        double peak = 0;
        for (float v : middle) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertThat(peak).isCloseTo(0.5, within(0.02));
        assertThat(Tones.frequency(s, 16_000)).isCloseTo(3000, within(1.0));
    }

    @Test
    void stereoIsDownmixedByAveragingTheChannels() {
        byte[] antiphase = WavWriter.wav(Tones.sinePcm(1000, 0.5, 16_000, 2, 1.0, true), 16_000, 2);
        byte[] inPhase = WavWriter.wav(Tones.sinePcm(1000, 0.5, 16_000, 2, 1.0, false), 16_000, 2);

        assertThat(Tones.rms(decoder.decode(antiphase).samples())).isLessThan(1e-4);
        assertThat(Tones.rms(decoder.decode(inPhase).samples())).isCloseTo(0.5 / Math.sqrt(2), within(0.002));
    }

    @Test
    void sixteenBitSamplesAreScaledToPlusMinusOne() {
        byte[] pcm = {0x00, (byte) 0x80, (byte) 0xFF, 0x7F, 0x00, 0x00, 0x00, 0x40};
        float[] samples = decoder.decode(WavWriter.wav(pcm, 16_000, 1)).samples();

        assertThat(samples).containsExactly(-1f, 32767f / 32768f, 0f, 0.5f);
    }

    @Test
    void waveFormatExtensibleWithThePcmSubFormatIsRead() {
        byte[] pcm = Tones.sinePcm(1000, 0.5, 48_000, 2, 1.0, false);
        PcmAudio audio = decoder.decode(extensible(pcm, 48_000, 2, 16, 1));

        assertThat(audio.length()).isEqualTo(16_000);
        assertThat(Tones.frequency(audio.samples(), 16_000)).isCloseTo(1000, within(0.5));
    }

    @Test
    void extraChunksBeforeTheDataAreSkipped() {
        byte[] plain = Tones.sineWav(1000, 0.5, 16_000, 1, 0.5);
        ByteBuffer wav = ByteBuffer.allocate(plain.length + 8 + 5 + 1).order(ByteOrder.LITTLE_ENDIAN);
        wav.put(plain, 0, 36).put("LIST".getBytes()).putInt(5).put(new byte[]{1, 2, 3, 4, 5}).put((byte) 0)
                .put(plain, 36, plain.length - 36);

        assertThat(decoder.decode(wav.array()).length()).isEqualTo(8000);
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> decoder.decode(new byte[0])).isInstanceOf(UnreadableWav.class)
                .hasMessageContaining("empty");
    }

    @Test
    void somethingElseIsNotAWav() {
        assertThatThrownBy(() -> decoder.decode("ID3 this is an mp3, honestly".getBytes()))
                .isInstanceOf(UnreadableWav.class).hasMessageContaining("not a WAV");
    }

    @ParameterizedTest(name = "{0}-bit")
    @ValueSource(ints = {8, 24, 32})
    void otherSampleSizesAreNamed(int bits) {
        byte[] wav = WavWriter.wav(new byte[bits / 8 * 10], 16_000, 1);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(32, (short) (bits / 8)).putShort(34, (short) bits).putInt(28, 16_000 * bits / 8);

        assertThatThrownBy(() -> decoder.decode(wav)).isInstanceOf(UnreadableWav.class)
                .hasMessage("16-bit PCM expected, got " + bits + "-bit");
    }

    @Test
    void floatSamplesAreNamed() {
        byte[] wav = WavWriter.wav(new byte[40], 16_000, 1);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 3).putShort(32, (short) 4)
                .putShort(34, (short) 32);

        assertThatThrownBy(() -> decoder.decode(wav)).hasMessage("16-bit PCM expected, got 32-bit float");
        assertThatThrownBy(() -> decoder.decode(extensible(new byte[40], 16_000, 1, 32, 3)))
                .hasMessage("16-bit PCM expected, got 32-bit float");
    }

    @Test
    void truncatedDataIsNamed() {
        byte[] wav = Tones.sineWav(1000, 0.5, 16_000, 1, 1.0);

        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(wav, wav.length - 1000)))
                .isInstanceOf(UnreadableWav.class).hasMessageContaining("truncated")
                .hasMessageContaining("32000 bytes");
        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(wav, 30)))
                .isInstanceOf(UnreadableWav.class).hasMessageContaining("truncated");
    }

    @Test
    void aDataChunkWithoutSamplesIsRefused() {
        assertThatThrownBy(() -> decoder.decode(WavWriter.wav(new byte[0], 16_000, 1)))
                .isInstanceOf(UnreadableWav.class).hasMessageContaining("without samples");
    }

    @Test
    void ratesOutsideEightToFortyEightKilohertzAreRefused() {
        assertThatThrownBy(() -> decoder.decode(Tones.sineWav(1000, 0.5, 96_000, 1, 0.1)))
                .isInstanceOf(UnreadableWav.class).hasMessageContaining("96000 Hz");
    }

    @Test
    void bytesOverTheLimitAreRefused() {
        WavDecoder small = new WavDecoder(10_000);
        byte[] wav = Tones.sineWav(1000, 0.5, 16_000, 1, 1.0);

        assertThatThrownBy(() -> small.decode(wav)).isInstanceOf(UnreadableWav.class)
                .hasMessageContaining("limit of 10000 bytes");
        assertThatThrownBy(() -> small.decode(new ByteArrayInputStream(wav))).isInstanceOf(UnreadableWav.class)
                .hasMessageContaining("limit of 10000 bytes");
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead(@TempDir Path directory) throws IOException {
        Path huge = directory.resolve("huge.wav");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(8L * 1024 * 1024 * 1024); // sparse: 8 GB that were never written, nor will be read
        }

        assertThatThrownBy(() -> decoder.decode(huge)).isInstanceOf(UnreadableWav.class)
                .hasMessageContaining("8589934592 bytes").hasMessageContaining("limit of 104857600 bytes");
    }

    @Test
    void aFileWithinTheLimitIsDecoded(@TempDir Path directory) throws IOException {
        Path file = Files.write(directory.resolve("tone.wav"), Tones.sineWav(440, 0.3, 22_050, 2, 0.5));

        assertThat(decoder.decode(file).duration()).isEqualTo(Duration.ofMillis(500));
    }

    private static byte[] extensible(byte[] pcm, int rate, int channels, int bits, int subFormat) {
        int blockAlign = channels * bits / 8;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 40 + 8 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(4 + 8 + 40 + 8 + pcm.length).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(40)
                .putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits)
                .putShort((short) 22).putShort((short) bits).putInt(channels == 2 ? 3 : 4)
                .putShort((short) subFormat).putShort((short) 0)
                .put(new byte[]{0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
                        (byte) 0x9B, 0x71})
                .put("data".getBytes()).putInt(pcm.length).put(pcm);
        return b.array();
    }
}
