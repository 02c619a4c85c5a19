package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.eecs.testing.Multipart;
import org.junit.jupiter.api.Test;

/**
 * What tells a retry from another request under the same Idempotency-Key: the method, the path and the content (a
 * form's parts by name, type, length and bytes), not how the form was encoded; keys remembered with the SHA-256
 * fingerprint before the checksums still match their retries.
 */
class RequestFingerprintTest {

    private static final MultipartForm.Limits LIMITS = new MultipartForm.Limits(50, 512);
    private static final String TURNS = "/api/v1/robot/sessions/6f0c/turns";
    private static final byte[] AUDIO = noise(300_000, 1);
    private static final byte[] FRAME = noise(18_000, 2);
    private static final String UTTERANCE = """
            {"startedAt": "2026-12-02T10:00:00Z", "endedAt": "2026-12-02T10:00:03Z"}""";

    private static Multipart turn() {
        return new Multipart().part("utterance", "application/json", UTTERANCE)
                .part("audio", "utterance.wav", "audio/wav", AUDIO)
                .part("frame", "frame-0.jpg", "image/jpeg", FRAME);
    }

    private static RequestFingerprint of(Multipart sent) {
        return of(TURNS, sent);
    }

    private static RequestFingerprint of(String path, Multipart sent) {
        byte[] body = sent.bytes();
        return RequestFingerprint.ofForm("POST", path, MultipartForm.read(body, body.length, sent.contentType(),
                LIMITS));
    }

    @Test
    void aRetryEncodedAfresh_withAnotherBoundary_hasTheSameFingerprint() {
        assertThat(of(turn()).value()).isEqualTo(of(turn()).value());
        assertThat(of(turn()).matches(of(turn()).value())).isTrue();
    }

    @Test
    void anotherTurn_tellsItselfApart_byAByte_aPartsName_itsType_theOrderOrThePath() {
        String first = of(turn()).value();
        byte[] oneByteOther = AUDIO.clone();
        oneByteOther[150_000] ^= 1;

        assertThat(of(new Multipart().part("utterance", "application/json", UTTERANCE)
                .part("audio", "utterance.wav", "audio/wav", oneByteOther)
                .part("frame", "frame-0.jpg", "image/jpeg", FRAME))
                .value()).as("one bit of the audio").isNotEqualTo(first);
        assertThat(of(new Multipart().part("utterance", "application/json", UTTERANCE)
                .part("audio", "utterance.wav", "audio/wav", AUDIO)
                .part("frames", "frame-0.jpg", "image/jpeg", FRAME)).value()).as("a part's name").isNotEqualTo(first);
        assertThat(of(new Multipart().part("utterance", "application/json", UTTERANCE)
                .part("audio", "utterance.wav", "audio/x-wav", AUDIO)
                .part("frame", "frame-0.jpg", "image/jpeg", FRAME)).value()).as("a part's type").isNotEqualTo(first);
        assertThat(of(new Multipart().part("utterance", "application/json", UTTERANCE)
                .part("frame", "frame-0.jpg", "image/jpeg", FRAME)
                .part("audio", "utterance.wav", "audio/wav", AUDIO)).value()).as("the order").isNotEqualTo(first);
        assertThat(of("/api/v1/robot/sessions/6f0d/turns", turn()).value()).as("the path").isNotEqualTo(first);
        assertThat(of(turn()).matches(of("/api/v1/robot/sessions/6f0d/turns", turn()).value())).isFalse();
    }

    @Test
    void aBodysFingerprint_isItsMethodPathAndBytes() {
        byte[] body = "{\"alias\": \"a\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(RequestFingerprint.ofBody("POST", "/api/v1/patients", body).value())
                .isEqualTo(RequestFingerprint.ofBody("POST", "/api/v1/patients", body.clone()).value())
                .isNotEqualTo(RequestFingerprint.ofBody("POST", "/api/v1/patients",
                        "{\"alias\": \"b\"}".getBytes(StandardCharsets.UTF_8)).value())
                .isNotEqualTo(RequestFingerprint.ofBody("PUT", "/api/v1/patients", body).value());
    }

    @Test
    void theFingerprint_fitsTheRememberedColumn_andIsMatchedAsThatColumnGivesItBack_paddedToItsWidth() {
        String value = of(turn()).value();

        assertThat(value).startsWith("crc32c+crc32:").hasSize(29).hasSizeLessThanOrEqualTo(64);
        assertThat(of(turn()).matches(value + " ".repeat(64 - value.length()))).isTrue();
    }

    @Test
    void aKeyRememberedWithTheSha256OfItsRequest_beforeTheChecksums_stillMatchesItsRetry_andNoOtherRequest()
            throws Exception {
        Multipart sent = turn();
        byte[] body = sent.bytes();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(("POST " + TURNS + "\n").getBytes(StandardCharsets.UTF_8));
        sha256.update("\n--utterance\napplication/json\n%d\n".formatted(UTTERANCE.length())
                .getBytes(StandardCharsets.UTF_8));
        sha256.update(UTTERANCE.getBytes(StandardCharsets.UTF_8));
        sha256.update("\n--audio\naudio/wav\n%d\n".formatted(AUDIO.length).getBytes(StandardCharsets.UTF_8));
        sha256.update(AUDIO);
        sha256.update("\n--frame\nimage/jpeg\n%d\n".formatted(FRAME.length).getBytes(StandardCharsets.UTF_8));
        sha256.update(FRAME);
        String rememberedBefore = HexFormat.of().formatHex(sha256.digest());

        assertThat(RequestFingerprint.ofForm("POST", TURNS, MultipartForm.read(body, body.length, sent.contentType(),
                LIMITS)).matches(rememberedBefore)).isTrue();
        assertThat(of(turn()).matches(rememberedBefore)).as("the retry, encoded afresh").isTrue();
        assertThat(of("/api/v1/robot/sessions/6f0d/turns", turn()).matches(rememberedBefore)).isFalse();
    }

    private static byte[] noise(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
