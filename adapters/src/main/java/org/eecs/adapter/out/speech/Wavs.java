package org.eecs.adapter.out.speech;

import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.TranscribeSpeech.UnreadableAudio;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.audio.UnreadableWav;
import org.eecs.perception.audio.WavDecoder;

/** The perception layer's WAV decoder, its refusals turned into the port's {@link UnreadableAudio}. */
final class Wavs {

    private final WavDecoder decoder;

    Wavs(long maxBytes) {
        this.decoder = new WavDecoder(maxBytes);
    }

    PcmAudio decode(SpeechAudio audio) {
        try {
            return decoder.decode(audio.wav());
        } catch (UnreadableWav e) {
            throw new UnreadableAudio(e.getMessage());
        }
    }
}
