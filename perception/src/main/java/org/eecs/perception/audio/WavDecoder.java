package org.eecs.perception.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes WAV files (RIFF/WAVE, 16-bit signed little-endian PCM, 8 to 48 kHz, one or more channels; plain PCM or
 * WAVE_FORMAT_EXTENSIBLE with the PCM sub-format) into 16 kHz mono {@link PcmAudio}: channels are averaged, then
 * the signal is resampled with {@link Resampler}'s anti-aliasing windowed-sinc filter.
 *
 * <p>Anything else is refused with an {@link UnreadableWav} naming the problem: not RIFF/WAVE, another sample format
 * ("16-bit PCM expected, got 24-bit"), an empty file, truncated data, or a file larger than the configured limit
 * (checked before the file is read whole). Thread-safe.
 */
public final class WavDecoder {

    /** 100 MB: about 26 minutes of 44.1 kHz stereo. */
    public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;
    public static final int MIN_RATE = 8_000;
    public static final int MAX_RATE = 48_000;

    private static final int FORMAT_PCM = 0x0001;
    private static final int FORMAT_IEEE_FLOAT = 0x0003;
    private static final int FORMAT_ALAW = 0x0006;
    private static final int FORMAT_MULAW = 0x0007;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** The tail shared by all KSDATAFORMAT_SUBTYPE GUIDs: xxxxxxxx-0000-0010-8000-00aa00389b71. */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00,
            0x38, (byte) 0x9B, 0x71};

    private final long maxBytes;

    public WavDecoder() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes the largest file accepted, in bytes */
    public WavDecoder(long maxBytes) {
        if (maxBytes < 44) {
            throw new IllegalArgumentException("a size limit under 44 bytes admits no WAV at all: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public PcmAudio decode(byte[] wav) {
        checkSize(wav.length);
        return decodeChecked(wav);
    }

    /** Refuses a file over the limit by its size on disk, before reading it. */
    public PcmAudio decode(Path file) {
        try {
            checkSize(Files.size(file));
            return decodeChecked(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Reads at most the limit plus one byte, so an endless or oversized stream is refused without buffering it. */
    public PcmAudio decode(InputStream in) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new UnreadableWav("WAV larger than the limit of " + maxBytes + " bytes");
            }
            return decodeChecked(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the WAV stream", e);
        }
    }

    private void checkSize(long size) {
        if (size > maxBytes) {
            throw new UnreadableWav("WAV of " + size + " bytes is larger than the limit of " + maxBytes + " bytes");
        }
    }

    private static PcmAudio decodeChecked(byte[] wav) {
        if (wav.length == 0) {
            throw new UnreadableWav("empty file: 0 bytes, not a WAV");
        }
        if (wav.length < 12 || !ascii(wav, 0, "RIFF") || !ascii(wav, 8, "WAVE")) {
            throw new UnreadableWav("not a WAV: no RIFF/WAVE header");
        }
        Format format = null;
        int offset = 12;
        while (offset + 8 <= wav.length) {
            long size = u32(wav, offset + 4);
            int body = offset + 8;
            if (ascii(wav, offset, "fmt ")) {
                if (size < 16 || body + size > wav.length) {
                    throw new UnreadableWav("truncated WAV: the fmt chunk is incomplete");
                }
                format = Format.parse(wav, body, (int) size);
            } else if (ascii(wav, offset, "data")) {
                if (format == null) {
                    throw new UnreadableWav("not a readable WAV: the data chunk comes before any fmt chunk");
                }
                long available = wav.length - body;
                if (size == 0xFFFF_FFFFL) { // written by a streaming recorder that never went back to fill it in
                    size = available - available % format.blockAlign;
                }
                if (size > available) {
                    throw new UnreadableWav("truncated WAV: the data chunk declares " + size + " bytes, only "
                            + available + " present");
                }
                if (size % format.blockAlign != 0) {
                    throw new UnreadableWav("truncated WAV: " + size + " data bytes is not a whole number of "
                            + format.blockAlign + "-byte sample frames");
                }
                if (size == 0) {
                    throw new UnreadableWav("WAV without samples: the data chunk is empty");
                }
                return format.toMono16kHz(wav, body, (int) (size / format.blockAlign));
            }
            if (size > wav.length - body) {
                break;
            }
            offset = (int) (body + size + (size & 1)); // chunks are padded to an even length
        }
        throw new UnreadableWav(format == null ? "truncated WAV: no fmt chunk" : "truncated WAV: no data chunk");
    }

    private record Format(int channels, int sampleRate, int blockAlign) {

        static Format parse(byte[] wav, int at, int size) {
            int tag = u16(wav, at);
            int channels = u16(wav, at + 2);
            long rate = u32(wav, at + 4);
            int blockAlign = u16(wav, at + 12);
            int bits = u16(wav, at + 14);
            if (tag == FORMAT_EXTENSIBLE) {
                if (size < 40) {
                    throw new UnreadableWav("truncated WAV: WAVE_FORMAT_EXTENSIBLE fmt chunk of " + size
                            + " bytes, 40 expected");
                }
                int validBits = u16(wav, at + 18);
                int subFormat = u16(wav, at + 24);
                if (!java.util.Arrays.equals(wav, at + 28, at + 40, GUID_TAIL, 0, GUID_TAIL.length)
                        || u16(wav, at + 26) != 0) {
                    throw new UnreadableWav("16-bit PCM expected, got an unknown WAVE_FORMAT_EXTENSIBLE sub-format");
                }
                tag = subFormat;
                if (validBits != 0 && validBits != bits && tag == FORMAT_PCM) {
                    throw new UnreadableWav("16-bit PCM expected, got " + validBits + "-bit samples in "
                            + bits + "-bit containers");
                }
            }
            switch (tag) {
                case FORMAT_PCM -> {
                    if (bits != 16) {
                        throw new UnreadableWav("16-bit PCM expected, got " + bits + "-bit");
                    }
                }
                case FORMAT_IEEE_FLOAT -> throw new UnreadableWav("16-bit PCM expected, got " + bits + "-bit float");
                case FORMAT_ALAW -> throw new UnreadableWav("16-bit PCM expected, got A-law");
                case FORMAT_MULAW -> throw new UnreadableWav("16-bit PCM expected, got mu-law");
                default -> throw new UnreadableWav("16-bit PCM expected, got format tag 0x"
                        + Integer.toHexString(tag));
            }
            if (channels < 1) {
                throw new UnreadableWav("not a readable WAV: 0 channels");
            }
            if (blockAlign != channels * 2) {
                throw new UnreadableWav("not a readable WAV: block align " + blockAlign + " for " + channels
                        + " channels of 16-bit samples");
            }
            if (rate < MIN_RATE || rate > MAX_RATE) {
                throw new UnreadableWav("sample rate " + rate + " Hz outside the supported " + MIN_RATE + "-"
                        + MAX_RATE + " Hz");
            }
            return new Format(channels, (int) rate, blockAlign);
        }

        PcmAudio toMono16kHz(byte[] wav, int at, int frames) {
            float[] mono = new float[frames];
            float scale = 1f / (32768f * channels);
            int p = at;
            for (int i = 0; i < frames; i++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += (short) ((wav[p] & 0xFF) | (wav[p + 1] << 8));
                    p += 2;
                }
                mono[i] = sum * scale;
            }
            float[] samples = sampleRate == PcmAudio.RATE ? mono
                    : Resampler.between(sampleRate, PcmAudio.RATE).resample(mono);
            return PcmAudio.of16kHz(samples);
        }
    }

    private static boolean ascii(byte[] bytes, int at, String text) {
        if (at + text.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
