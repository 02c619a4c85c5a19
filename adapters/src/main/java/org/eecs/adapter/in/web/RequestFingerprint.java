package org.eecs.adapter.in.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * What tells a retry from another request under the same {@code Idempotency-Key} (docs/api.md, "Idempotency"):
 * the method, the path, and the body; a multipart form (a robot's turn) by its parts' names, content types, lengths
 * and bytes in order, not by its boundary, so that a retry may be encoded afresh.
 * <p>
 * The fingerprint is two checksums of that content, CRC-32C and CRC-32 (both computed by the processor's own
 * instructions through the JDK's intrinsics): their generator polynomials are coprime, so together they are a 64-bit
 * CRC, which catches every difference within 64 bits and lets any other change pass with a chance of about 2^-64.
 * Keys are per caller: the fingerprint guards against a robot's own mistake (a key reused for another turn), not
 * against an adversary, who could only confuse their own requests. SHA-256, which it replaces, cost 8 % of a robot's
 * turn on the request thread for the 600 KB body. A key remembered with a SHA-256 fingerprint (before 2026-12-02,
 * within the key's retention) is still matched by one: {@link #matches} computes it again for such a key.
 */
final class RequestFingerprint {

    /** Marks the checksums' fingerprint; one without it is a SHA-256 in hex, remembered before it. */
    private static final String CHECKSUMS = "crc32c+crc32:";

    private final String method;
    private final String path;
    private final MultipartForm form;
    private final byte[] body;
    private final String value;

    private RequestFingerprint(String method, String path, MultipartForm form, byte[] body) {
        this.method = method;
        this.path = path;
        this.form = form;
        this.body = body;
        CRC32C crc32c = new CRC32C();
        CRC32 crc32 = new CRC32();
        feed((bytes, offset, length) -> {
            crc32c.update(bytes, offset, length);
            crc32.update(bytes, offset, length);
        });
        this.value = CHECKSUMS + HexFormat.of().toHexDigits(crc32c.getValue() << 32 | crc32.getValue());
    }

    /** A multipart/form-data request, by its parts. */
    static RequestFingerprint ofForm(String method, String path, MultipartForm form) {
        return new RequestFingerprint(method, path, form, null);
    }

    /** Any other request, by its body's bytes. */
    static RequestFingerprint ofBody(String method, String path, byte[] body) {
        return new RequestFingerprint(method, path, null, body);
    }

    /** The fingerprint to remember with the key (29 characters). */
    String value() {
        return value;
    }

    /** Whether the request a key was first used for, remembered by its fingerprint, is this one. */
    boolean matches(String remembered) {
        String fingerprint = remembered.strip(); // the column is char(64): a shorter fingerprint comes back padded
        return fingerprint.startsWith(CHECKSUMS) ? fingerprint.equals(value) : fingerprint.equals(sha256());
    }

    /** The fingerprint remembered before the checksums: the same content's SHA-256, in hex. */
    String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            feed(digest::update);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** The content, in the order and framing the SHA-256 fingerprint had, so that both read the same bytes. */
    private void feed(Content sink) {
        utf8(sink, method + " " + path + "\n");
        if (form == null) {
            sink.update(body, 0, body.length);
            return;
        }
        for (MultipartForm.Part part : form.parts()) {
            utf8(sink, "\n--" + part.name() + "\n" + part.contentType() + "\n" + part.length() + "\n");
            sink.update(part.body(), part.offset(), part.length());
        }
    }

    private static void utf8(Content sink, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sink.update(bytes, 0, bytes.length);
    }

    @FunctionalInterface
    private interface Content {
        void update(byte[] bytes, int offset, int length);
    }
}
