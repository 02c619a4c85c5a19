package org.eecs.adapter.text;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Text written straight as UTF-8 bytes into one reused buffer, which goes to its stream whenever it fills: how the
 * export formats write a million records without a string or a character encoder per record. JSON strings are
 * escaped as Jackson escapes them by default (quote, backslash and control characters; {@code \b \t \n \f \r} short,
 * others as {@code \}{@code u00XX}; all else as UTF-8), so that a line written here is byte for byte the line a
 * Jackson generator writes. A lone surrogate, which no text read back from PostgreSQL holds, is written as
 * {@code ?}, as {@link String#getBytes} writes it. Not thread-safe: one writer a file.
 */
public final class Utf8Out {

    private static final int BUFFER = 64 * 1024;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For each ASCII character: 0 as it is, -1 as {@code \}{@code u00XX}, else the letter after a backslash. */
    private static final int[] JSON_ESCAPES = new int[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            JSON_ESCAPES[c] = -1;
        }
        JSON_ESCAPES['"'] = '"';
        JSON_ESCAPES['\\'] = '\\';
        JSON_ESCAPES['\b'] = 'b';
        JSON_ESCAPES['\t'] = 't';
        JSON_ESCAPES['\f'] = 'f';
        JSON_ESCAPES['\n'] = 'n';
        JSON_ESCAPES['\r'] = 'r';
    }

    private final OutputStream out;
    private byte[] bytes = new byte[BUFFER];
    private int size;

    public Utf8Out(OutputStream out) {
        this.out = out;
    }

    /** Bytes known to be ASCII already (keys, punctuation, names made by us). */
    public Utf8Out raw(byte[] ascii) {
        room(ascii.length);
        System.arraycopy(ascii, 0, bytes, size, ascii.length);
        size += ascii.length;
        return this;
    }

    /** One ASCII character. */
    public Utf8Out ascii(char c) {
        room(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** Text known to be ASCII (an enum's name, a UUID, a hash, digits): one byte a character. */
    public Utf8Out ascii(String text) {
        int length = text.length();
        room(length);
        byte[] into = bytes;
        int at = size;
        for (int i = 0; i < length; i++) {
            into[at + i] = (byte) text.charAt(i);
        }
        size = at + length;
        return this;
    }

    /** A number's decimal digits. */
    public Utf8Out number(long value) {
        return ascii(Long.toString(value));
    }

    /** Any text as UTF-8, unescaped. */
    public Utf8Out text(String text) {
        return utf8(text, -1);
    }

    /** Any text as UTF-8, with every {@code doubled} character written twice (CSV's quotes). */
    public Utf8Out text(String text, char doubled) {
        return utf8(text, doubled);
    }

    /** {@code doubled} is -1 when no character is doubled (a NUL in the text is written once, like any other). */
    private Utf8Out utf8(String text, int doubled) {
        int length = text.length();
        room(3 * length);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c == doubled) {
                    bytes[size++] = (byte) c;
                }
                bytes[size++] = (byte) c;
            } else {
                i = nonAscii(text, i, c);
            }
        }
        return this;
    }

    /** Text as a JSON string, quotes included; {@code null} as JSON's null. */
    public Utf8Out jsonString(String text) {
        if (text == null) {
            return ascii("null");
        }
        int length = text.length();
        room(6 * length + 2);
        byte[] into = bytes;
        into[size++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                i = nonAscii(text, i, c);
                continue;
            }
            int escape = JSON_ESCAPES[c];
            if (escape == 0) {
                into[size++] = (byte) c;
            } else if (escape > 0) {
                into[size++] = '\\';
                into[size++] = (byte) escape;
            } else {
                into[size++] = '\\';
                into[size++] = 'u';
                into[size++] = '0';
                into[size++] = '0';
                into[size++] = HEX[c >> 4];
                into[size++] = HEX[c & 0xF];
            }
        }
        into[size++] = '"';
        return this;
    }

    /** Writes what is buffered onto the stream (which is not flushed itself). */
    public void flush() {
        try {
            out.write(bytes, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export file", e);
        }
        size = 0;
    }

    /** The character at {@code i} and, for a surrogate pair, the next one, as UTF-8; returns the last index used. */
    private int nonAscii(String text, int i, char c) {
        byte[] into = bytes;
        if (c < 0x800) {
            into[size++] = (byte) (0xC0 | c >> 6);
            into[size++] = (byte) (0x80 | c & 0x3F);
            return i;
        }
        if (!Character.isSurrogate(c)) {
            into[size++] = (byte) (0xE0 | c >> 12);
            into[size++] = (byte) (0x80 | c >> 6 & 0x3F);
            into[size++] = (byte) (0x80 | c & 0x3F);
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            int code = Character.toCodePoint(c, text.charAt(i + 1));
            into[size++] = (byte) (0xF0 | code >> 18);
            into[size++] = (byte) (0x80 | code >> 12 & 0x3F);
            into[size++] = (byte) (0x80 | code >> 6 & 0x3F);
            into[size++] = (byte) (0x80 | code & 0x3F);
            return i + 1;
        }
        into[size++] = '?';
        return i;
    }

    /** Makes room for {@code needed} more bytes: the buffer goes to the stream first, and grows only for a giant. */
    private void room(int needed) {
        if (size + needed <= bytes.length) {
            return;
        }
        flush();
        if (needed > bytes.length) {
            bytes = new byte[needed];
        }
    }
}
