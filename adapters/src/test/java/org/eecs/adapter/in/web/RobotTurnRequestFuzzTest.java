package org.eecs.adapter.in.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ConversingWithPatients.Heard;
import org.eecs.application.port.in.ConversingWithPatients.TakeTurn;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.eecs.domain.session.CareSessionId;
import org.eecs.perception.audio.UnreadableWav;
import org.eecs.perception.audio.WavDecoder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any robot turn request (a multipart body, as {@link MultipartForm} reads it): its parts become a turn (the
 * utterance's JSON read and validated, the frames matched to their times, the WAV decoded), or the request is refused
 * as malformed, invalid or unreadable audio (400s), or past a limit (413). Nothing else may escape. Bodies come either as raw bytes or
 * built part by part from the fuzzer's choices, so that both the multipart syntax and the parts' contents are
 * explored.
 */
class RobotTurnRequestFuzzTest {

    private static final String BOUNDARY = "eecs-fuzz";
    private static final List<String> NAMES = List.of("utterance", "audio", "frame", "other", "");
    private static final List<String> TYPES = List.of("application/json", "audio/wav", "image/jpeg", "text/plain", "");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final WavDecoder WAVS = new WavDecoder(1024 * 1024);
    private static final Caller ROBOT = new Caller(new Actor("robot-fuzz", Role.ROBOT), null, null, null);
    private static final MultipartForm.Limits LIMITS = new MultipartForm.Limits(50, 512);
    private static final CareSessionId SESSION = CareSessionId.of("7d1c2c36-1d0e-4a34-9e0a-5b3f1a9c2e11");

    @FuzzTest(maxDuration = "3m")
    void anyTurnRequest_becomesATurnOrIsRefusedAs400(FuzzedDataProvider data) {
        byte[] body = data.consumeBoolean() ? data.consumeRemainingAsBytes() : built(data);
        byte[] utterance = null;
        byte[] audio = null;
        List<byte[]> frames = new ArrayList<>();
        MultipartForm form;
        try {
            form = MultipartForm.read(body, body.length, "multipart/form-data; boundary=" + BOUNDARY, LIMITS);
            RobotApiController.onlyTurnParts(filesOf(form));
        } catch (UnreadableForm unreadable) {
            return; // malformed (400) or past a limit (413)
        } catch (InvalidRequest unexpected) {
            return; // a part not of a turn, or a second utterance or audio: 400 invalid-parameter
        }
        for (MultipartForm.Part part : form.parts()) {
            switch (part.name()) {
                case "utterance" -> utterance = part.copy();
                case "audio" -> audio = part.copy();
                default -> frames.add(part.copy());
            }
        }
        if (utterance == null || audio == null) {
            return; // a missing part: 400 invalid-request
        }
        try {
            RobotApiController.UtteranceJson read = JSON.readValue(utterance, RobotApiController.UtteranceJson.class);
            if (read == null) {
                return; // 400 invalid-request: no utterance
            }
            boolean valid = VALIDATOR.validate(read).isEmpty();
            if (TurnParts.valid(read) != valid) {
                throw new AssertionError("the constraints checked in code find " + !valid + " for " + read);
            }
            if (!valid) {
                return; // 400 invalid-request, listing the fields
            }
            TakeTurn turn = RobotApiController.recorded(ROBOT, SESSION, read, audio, frames);
            WAVS.decode(((Heard.Recorded) turn.heard()).audio().wav());
        } catch (JacksonException | InvalidRequest | DomainViolation | UnreadableWav refused) {
            // 400: malformed-request, invalid-parameter, invalid-value, unreadable-audio
        }
    }

    /** A body made of parts the fuzzer picks: names, content types and contents, sometimes cut short. */
    private static byte[] built(FuzzedDataProvider data) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int parts = data.consumeInt(0, 5);
        for (int i = 0; i < parts; i++) {
            String name = data.pickValue(NAMES);
            String type = data.pickValue(TYPES);
            byte[] content = i == 0 && data.consumeBoolean()
                    ? ("{\"startedAt\": \"2026-11-25T09:00:00Z\", \"endedAt\": \"" + data.consumeString(30)
                    + "\", \"frameCapturedAt\": [" + data.consumeString(60) + "]}").getBytes(StandardCharsets.UTF_8)
                    : data.consumeBytes(data.consumeInt(0, 400));
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                    + (type.isEmpty() ? "" : "\r\nContent-Type: " + type) + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        if (data.consumeBoolean()) {
            body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return body.toByteArray();
    }

    private static MultiValueMap<String, MultipartForm.Part> filesOf(MultipartForm form) {
        MultiValueMap<String, MultipartForm.Part> files = new LinkedMultiValueMap<>();
        form.parts().forEach(part -> files.add(part.name(), part));
        return files;
    }
}
