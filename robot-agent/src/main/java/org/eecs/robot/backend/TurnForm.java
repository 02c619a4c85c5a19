package org.eecs.robot.backend;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eecs.perception.audio.WavWriter;
import org.eecs.robot.capture.CameraFrame;
import org.eecs.robot.capture.CaptureClock;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A turn posted whole, as {@code multipart/form-data} (docs/robot-protocol.md): the utterance's times and its frames'
 * capture times as JSON, the audio as a WAV, then the frames, in that order. The same utterance always gives the
 * same parts, byte for byte, so a retry is the same request to the backend's {@code Idempotency-Key}, whatever its
 * boundary.
 */
final class TurnForm {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String boundary = "eecs-turn-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private TurnForm() {
    }

    static TurnForm of(Utterance utterance, CaptureClock clock) {
        ObjectNode times = JSON.createObjectNode().put("startedAt", utterance.startedAt().toString())
                .put("endedAt", utterance.endedAt().toString());
        ArrayNode captured = times.putArray("frameCapturedAt");
        utterance.frames().forEach(frame -> captured.add(clock.instantOf(frame.capturedAtUs()).toString()));
        TurnForm form = new TurnForm();
        form.part("utterance", null, "application/json", JSON.writeValueAsBytes(times));
        form.part("audio", "utterance.wav", "audio/wav", WavWriter.wav(utterance.audio()));
        int i = 0;
        for (CameraFrame frame : utterance.frames()) {
            form.part("frame", "frame-" + i++ + (frame.mediaType().equals("image/png") ? ".png" : ".jpg"),
                    frame.mediaType(), frame.image());
        }
        form.ascii("--" + form.boundary + "--\r\n");
        return form;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
        return body.toByteArray();
    }

    private void part(String name, String filename, String contentType, byte[] content) {
        ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\nContent-Type: " + contentType
                + "\r\n\r\n");
        body.writeBytes(content);
        ascii("\r\n");
    }

    private void ascii(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
