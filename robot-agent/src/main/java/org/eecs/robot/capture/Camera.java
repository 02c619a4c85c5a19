package org.eecs.robot.capture;

import java.util.List;

/** Where the patient's face comes from: keeps the recent frames so that those of an utterance can be picked. */
public interface Camera extends AutoCloseable {

    /** The frames captured in {@code [fromUs, toUs)} on the capture clock, oldest first. */
    List<CameraFrame> framesBetween(long fromUs, long toUs);

    @Override
    void close();

    /** No camera: turns go without frames. */
    static Camera none() {
        return new Camera() {
            @Override
            public List<CameraFrame> framesBetween(long fromUs, long toUs) {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }
}
