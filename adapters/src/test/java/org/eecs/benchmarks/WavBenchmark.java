package org.eecs.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.audio.WavDecoder;
import org.eecs.perception.audio.WavWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Decoding a 5 s 44.1 kHz stereo WAV to 16 kHz mono: downmix and windowed-sinc resampling. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class WavBenchmark {

    private final WavDecoder decoder = new WavDecoder();
    private byte[] wav;

    @Setup(Level.Trial)
    public void write() {
        int rate = 44_100;
        int frames = 5 * rate;
        ByteBuffer pcm = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            pcm.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * t)));
            pcm.putShort((short) (8000 * Math.sin(2 * Math.PI * 3000 * t)));
        }
        wav = WavWriter.wav(pcm.array(), rate, 2);
    }

    @Benchmark
    public PcmAudio decode44kHzStereoFiveSeconds() {
        return decoder.decode(wav);
    }
}
