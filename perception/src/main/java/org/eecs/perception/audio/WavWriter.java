package org.eecs.perception.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes 16-bit PCM WAV files (canonical 44-byte header), e.g. to send a cut segment on to speech recognition. */
public final class WavWriter {

    private WavWriter() {
    }

    public static byte[] wav(PcmAudio audio) {
        return wav(audio.toPcm16LittleEndian(), audio.sampleRate(), 1);
    }

    /** @param pcm interleaved 16-bit signed little-endian samples */
    public static byte[] wav(byte[] pcm, int sampleRate, int channels) {
        ByteBuffer out = header(pcm.length, sampleRate, channels);
        return out.put(pcm).array();
    }

    /**
     * Mono 16-bit samples as a WAV file, written straight after the header in one bulk copy (a care turn's answer
     * carries a few seconds of synthesised speech: no per-sample loop, no second copy of the PCM).
     */
    public static byte[] wav(short[] samples, int sampleRate) {
        ByteBuffer out = header(samples.length * Short.BYTES, sampleRate, 1);
        out.asShortBuffer().put(samples);
        return out.array();
    }

    /** A buffer for the whole file, little-endian, positioned after its canonical 44-byte header. */
    private static ByteBuffer header(int dataBytes, int sampleRate, int channels) {
        ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        return out;
    }
}
