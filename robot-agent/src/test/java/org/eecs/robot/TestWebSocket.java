package org.eecs.robot;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The server's side of RFC 6455 as small as the tests' servers need (the JDK has a WebSocket client but no server):
 * the request head, the handshake's answer, and frames read (unmasked) and written.
 */
public final class TestWebSocket {

    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CLOSE = 8;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private TestWebSocket() {
    }

    /** One frame from the client, its payload unmasked; {@code masked}: whether it was, as a client's must be. */
    public record Frame(boolean fin, int opcode, boolean masked, byte[] payload) {
    }

    /** An HTTP request's head up to its blank line, or null if the connection ended before one began. */
    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("the client went away during the request's head");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A header's value in a request head, or null. */
    public static String header(String head, String name) {
        return head.lines().filter(l -> l.toLowerCase().startsWith(name.toLowerCase() + ":"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
    }

    /** Answers the upgrade request {@code head}: 101 with the key's accept value. */
    public static void accept(OutputStream out, String head) throws IOException {
        String key = header(head, "Sec-WebSocket-Key");
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public static Frame read(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        boolean masked = (second & 0x80) != 0;
        byte[] mask = new byte[4];
        if (masked) {
            in.readFully(mask);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame((first & 0x80) != 0, first & 0x0F, masked, payload);
    }

    /** Writes one whole, unmasked frame (a server's); the caller keeps frames of one connection apart. */
    public static void write(OutputStream out, int opcode, byte[] payload) throws IOException {
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65_536) {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >> shift) & 0xFF);
            }
        }
        out.write(payload);
        out.flush();
    }
}
