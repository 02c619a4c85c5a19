package org.eecs.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body (RFC 7578), built part by part, with a boundary of its own. */
public final class Multipart {

    private final String boundary = "eecs-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean closed;

    public Multipart part(String name, String contentType, String content) {
        return part(name, null, contentType, content.getBytes(StandardCharsets.UTF_8));
    }

    /** @param filename sent for binary parts, as browsers and HTTP clients do; may be null */
    public Multipart part(String name, String filename, String contentType, byte[] content) {
        if (closed) {
            throw new IllegalStateException("the body is already complete");
        }
        String disposition = "form-data; name=\"" + name + "\"" + (filename == null ? "" : "; filename=\"" + filename + "\"");
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\nContent-Type: "
                + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public byte[] bytes() {
        if (!closed) {
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            closed = true;
        }
        return body.toByteArray();
    }
}
