package org.eecs.robot.turn;

import java.util.Arrays;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.robot.capture.WavMicrophone;

/** A microphone hearing a patient: speech and pauses in order, as if the patient spoke them. */
final class PatientSpeaking {

    private PatientSpeaking() {
    }

    /**
     * @param realTime whether the recording plays at the pace it was spoken
     * @param parts    {@link PcmAudio} spoken, or a number of seconds of silence
     */
    static WavMicrophone microphone(boolean realTime, Object... parts) {
        float[] all = new float[0];
        for (Object part : parts) {
            float[] next = part instanceof PcmAudio audio ? audio.samples()
                    : new float[(int) Math.round(((Number) part).doubleValue() * 16_000)];
            float[] joined = Arrays.copyOf(all, all.length + next.length);
            System.arraycopy(next, 0, joined, all.length, next.length);
            all = joined;
        }
        return new WavMicrophone(PcmAudio.of16kHz(all), 0, realTime);
    }
}
