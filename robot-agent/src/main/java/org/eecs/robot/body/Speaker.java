package org.eecs.robot.body;

import org.eecs.perception.audio.PcmAudio;

/** The robot's speaker. Its playback position is the clock a performance follows. */
public interface Speaker {

    /** Starts playing at once; returns the handle of this playback. */
    Playback play(PcmAudio audio);

    /** One sound being played. */
    interface Playback {

        /** Samples the device has played so far: its own clock, which may run a little fast or slow. */
        long playedSamples();

        boolean finished();

        /** Stops at once; later calls do nothing. */
        void stop();
    }
}
