package org.eecs.adapter.out.speech;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.TranscribeSpeech.UnreadableAudio;

/**
 * Any bytes as a robot's WAV: decoded, or refused as unreadable audio (a 400 naming the fault); nothing else may
 * escape (it would be a 500), and nothing may take the JVM down. Regression inputs in
 * {@code src/test/resources/org/eecs/adapter/out/speech/WavFuzzTestInputs}.
 */
class WavFuzzTest {

    private static final Wavs WAVS = new Wavs(1024 * 1024);

    @FuzzTest(maxDuration = "3m")
    void anyBytes_decodeOrAreUnreadableAudio(byte[] wav) {
        try {
            WAVS.decode(new SpeechAudio(wav));
        } catch (UnreadableAudio refused) {
            // a clear 400
        }
    }
}
