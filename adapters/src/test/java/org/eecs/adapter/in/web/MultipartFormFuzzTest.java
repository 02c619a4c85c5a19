package org.eecs.adapter.in.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Any bytes as a multipart/form-data body under any boundary (the reader of the robot's turns, {@link MultipartForm}):
 * either its parts, each a slice inside the body, in order and not overlapping, each with a name; or
 * {@link UnreadableForm} (400 or 413). Nothing else may escape. Half the inputs are bodies written part by part from
 * the fuzzer's names, headers and contents (which may hold the boundary's bytes): those must be read back exactly.
 */
class MultipartFormFuzzTest {

    private static final MultipartForm.Limits LIMITS = new MultipartForm.Limits(50, 512);

    @FuzzTest(maxDuration = "3m")
    void anyBody_isReadAsSlicesInOrder_orRefusedAsUnreadable(FuzzedDataProvider data) {
        boolean usual = data.consumeBoolean();
        String boundary = usual ? "eecs-turn-1b4e28ba-2fa1-11d2-883f-0016d3cca427"
                : data.consumeAsciiString(data.consumeInt(1, 8)).replaceAll("[^0-9A-Za-z'()+_,./:=? -]", "") + "x";
        // RFC 2046's boundary characters; a boundary with a space, a colon or the like must be quoted
        String contentType = usual ? "multipart/form-data; boundary=" + boundary
                : "multipart/form-data; boundary=\"" + boundary + "\"";
        if (data.consumeBoolean()) {
            writtenPartByPart_isReadBack(data, boundary, contentType);
            return;
        }
        byte[] body = data.consumeRemainingAsBytes();
        MultipartForm form;
        try {
            form = MultipartForm.read(body, body.length, contentType, LIMITS);
        } catch (UnreadableForm refused) {
            return;
        }
        int end = 0;
        for (MultipartForm.Part part : form.parts()) {
            if (part.name() == null || part.body() != body || part.offset() < end || part.length() < 0
                    || part.offset() + part.length() > body.length) {
                throw new AssertionError("a part outside the body or out of order: " + part.offset() + "+"
                        + part.length() + " after " + end + " in " + body.length + " bytes");
            }
            end = part.offset() + part.length();
        }
    }

    private static void writtenPartByPart_isReadBack(FuzzedDataProvider data, String boundary, String contentType) {
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(data.consumeBoolean() ? new byte[0] : "a preamble\r\n".getBytes(StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        int parts = data.consumeInt(0, 6);
        for (int i = 0; i < parts; i++) {
            String name = data.consumeAsciiString(12).replaceAll("[\\x00-\\x1f\\x7f]", "");
            byte[] content = data.consumeBytes(data.consumeInt(0, 300));
            if (contains(content, delimiter) || contains(concat(content, delimiter), delimiter, content.length)) {
                return; // a sender must choose a boundary not in its data (RFC 2046)
            }
            names.add(name);
            contents.add(content);
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\r\nContent-Type: "
                    + "application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\nan epilogue").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        MultipartForm form;
        try {
            form = MultipartForm.read(bytes, bytes.length, contentType, LIMITS);
        } catch (UnreadableForm refused) {
            if (refused.tooLarge()) {
                return; // a long name passes the header limit
            }
            throw new AssertionError("a well-formed body refused: " + refused.getMessage(), refused);
        }
        List<String> readNames = form.parts().stream().map(MultipartForm.Part::name).toList();
        if (!readNames.equals(names)) {
            throw new AssertionError("names " + readNames + " read for " + names);
        }
        for (int i = 0; i < parts; i++) {
            if (!Arrays.equals(form.parts().get(i).copy(), contents.get(i))) {
                throw new AssertionError("part " + i + " read back otherwise");
            }
        }
    }

    private static boolean contains(byte[] data, byte[] pattern) {
        return contains(data, pattern, 0);
    }

    /** Whether {@code pattern} starts anywhere in {@code data} before {@code before}, or anywhere if 0. */
    private static boolean contains(byte[] data, byte[] pattern, int before) {
        int last = before == 0 ? data.length - pattern.length : Math.min(before, data.length - pattern.length + 1) - 1;
        for (int i = 0; i <= last; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
