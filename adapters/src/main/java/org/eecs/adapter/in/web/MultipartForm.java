package org.eecs.adapter.in.web;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A {@code multipart/form-data} body (RFC 7578, after RFC 2046's multipart syntax) read from one buffer: each part
 * is a slice of that buffer, never a copy. What it takes:
 * <ul>
 *   <li>the boundary from the Content-Type's {@code boundary} parameter, plain or quoted, 1 to 70 characters;</li>
 *   <li>a preamble before the first boundary line and an epilogue after the closing one, both ignored;</li>
 *   <li>boundary lines and header lines ending in CRLF (a bare LF is refused, as the RFCs' grammar has it), a
 *       boundary line possibly padded with spaces or tabs before its CRLF;</li>
 *   <li>each part's headers: {@code Content-Disposition: form-data} with a {@code name} (and optionally a
 *       {@code filename}), plain or quoted (with backslash escapes); {@code Content-Type} if given; others kept;
 *       folded lines unfolded.</li>
 * </ul>
 * The boundary string inside a part's data is data unless it starts a line ({@code CRLF--boundary}) and is followed
 * by what ends a boundary line: the RFCs forbid a sender to put it there, and this reads such data as data, as
 * Go's reader does. Limits (the body's size, the number of parts, a part's header bytes) are refused as
 * {@link UnreadableForm#tooLarge() too large}; any other fault as malformed, with a message saying what is wrong.
 * The boundary is searched for with Boyer-Moore-Horspool: with the usual 40-odd-character boundaries it looks at
 * about one byte in forty of the data.
 */
final class MultipartForm {

    /** RFC 2046: a boundary is 1 to 70 characters. */
    private static final int MAX_BOUNDARY = 70;

    private final List<Part> parts;

    private MultipartForm(List<Part> parts) {
        this.parts = parts;
    }

    /**
     * @param body        the buffer holding the body from index 0
     * @param length      how many of its bytes are the body
     * @param contentType the request's Content-Type
     * @throws UnreadableForm when it is not a multipart/form-data body this reads, or passes a limit
     */
    static MultipartForm read(byte[] body, int length, String contentType, Limits limits) {
        byte[] boundary = boundaryOf(contentType);
        return new MultipartForm(new Reader(body, length, boundary, limits).parts());
    }

    /** Whether this Content-Type is multipart/form-data (its parameters aside). */
    static boolean isFormData(String contentType) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.indexOf(';');
        return (end < 0 ? contentType : contentType.substring(0, end)).trim().equalsIgnoreCase("multipart/form-data");
    }

    /** The parts in the order they came. */
    List<Part> parts() {
        return parts;
    }

    /** How many parts, and how many header bytes a part, are taken; more is refused as too large. */
    record Limits(int parts, int headerBytes) {
    }

    /**
     * One part: its name and filename from its Content-Disposition, its Content-Type (null when it gave none), all
     * its headers, and its content as {@code length} bytes of {@code body} from {@code offset}.
     */
    record Part(String name, String filename, String contentType, List<Header> headers, byte[] body, int offset,
                int length) {

        /** The content, read from the body's buffer. */
        InputStream content() {
            return new ByteArrayInputStream(body, offset, length);
        }

        /** The content as an array of its own. */
        byte[] copy() {
            return Arrays.copyOfRange(body, offset, offset + length);
        }
    }

    /** A part's header line, unfolded; the name as sent. */
    record Header(String name, String value) {
    }

    /** The boundary of a multipart/form-data Content-Type, as the bytes {@code --boundary}. */
    private static byte[] boundaryOf(String contentType) {
        if (!isFormData(contentType)) {
            throw UnreadableForm.malformed("the body is not multipart/form-data");
        }
        String boundary = null;
        for (Parameters parameters = new Parameters(contentType, contentType.indexOf(';'));
             parameters.next(); ) {
            if (parameters.name.equals("boundary")) {
                boundary = parameters.value;
                break;
            }
        }
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY
                || !boundary.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw UnreadableForm.malformed("the Content-Type must give a boundary of 1 to " + MAX_BOUNDARY
                    + " visible ASCII characters or spaces (multipart/form-data; boundary=...)");
        }
        return ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads the parts of one body. */
    private static final class Reader {

        private static final byte CR = '\r';
        private static final byte LF = '\n';

        private final byte[] body;
        private final int length;
        private final Limits limits;
        /** {@code --boundary} */
        private final byte[] dashBoundary;
        /** {@code CRLF--boundary}: what ends a part's content */
        private final byte[] delimiter;
        /** Horspool's shift for each byte value at the pattern's last position */
        private final int[] shift = new int[256];

        Reader(byte[] body, int length, byte[] dashBoundary, Limits limits) {
            if (length < 0 || length > body.length) {
                throw new IllegalArgumentException("the body's length " + length + " is outside its buffer");
            }
            this.body = body;
            this.length = length;
            this.limits = limits;
            this.dashBoundary = dashBoundary;
            this.delimiter = new byte[dashBoundary.length + 2];
            delimiter[0] = CR;
            delimiter[1] = LF;
            System.arraycopy(dashBoundary, 0, delimiter, 2, dashBoundary.length);
            int last = delimiter.length - 1;
            Arrays.fill(shift, delimiter.length);
            for (int i = 0; i < last; i++) {
                shift[delimiter[i] & 0xFF] = last - i;
            }
        }

        List<Part> parts() {
            List<Part> parts = new ArrayList<>();
            int first = startsWithBoundaryLine() ? 0 : nextDelimiter(0);
            if (first < 0) {
                throw UnreadableForm.malformed("the body has no boundary line (--boundary, as its Content-Type "
                        + "gives it)");
            }
            int at = first + (first == 0 && body[0] == '-' ? dashBoundary.length : delimiter.length);
            while (true) {
                // at: just after a boundary line's --boundary
                if (at + 1 < length && body[at] == '-' && body[at + 1] == '-') {
                    return Collections.unmodifiableList(parts); // the closing boundary: the epilogue is ignored
                }
                at = lineEnd(at);
                if (parts.size() == limits.parts()) {
                    throw UnreadableForm.tooLarge("the body has more than " + limits.parts() + " parts");
                }
                int headersStart = at;
                List<Header> headers = new ArrayList<>(3);
                at = headers(at, headers);
                int end = nextDelimiter(at);
                if (end < 0) {
                    throw UnreadableForm.malformed("the body ends inside part " + (parts.size() + 1)
                            + ", before its closing boundary (--boundary--)");
                }
                parts.add(part(headers, headersStart, at, end - at, parts.size() + 1));
                at = end + delimiter.length;
            }
        }

        /** The body begins with a boundary line (no preamble, so no CRLF before it). */
        private boolean startsWithBoundaryLine() {
            return length >= dashBoundary.length && Arrays.equals(body, 0, dashBoundary.length, dashBoundary, 0,
                    dashBoundary.length) && endsBoundary(dashBoundary.length);
        }

        /**
         * Where the next {@code CRLF--boundary} that ends a part starts, at or after {@code from}; -1 if none.
         * Boyer-Moore-Horspool: compare the byte under the pattern's last position, shift by the table.
         */
        private int nextDelimiter(int from) {
            int last = delimiter.length - 1;
            byte lastByte = delimiter[last];
            for (int i = from; i + last < length; ) {
                byte b = body[i + last];
                if (b == lastByte && Arrays.equals(body, i, i + last, delimiter, 0, last)
                        && endsBoundary(i + delimiter.length)) {
                    return i;
                }
                i += shift[b & 0xFF];
            }
            return -1;
        }

        /**
         * Whether {@code --boundary} ending just before {@code at} is a boundary line: followed by {@code --} (the
         * closing one), padding, CR or LF, or the body's end (both refused later, with a message). Anything else
         * makes it data.
         */
        private boolean endsBoundary(int at) {
            if (at >= length) {
                return true;
            }
            byte next = body[at];
            if (next == '-') {
                return at + 1 >= length || body[at + 1] == '-';
            }
            return next == ' ' || next == '\t' || next == CR || next == LF;
        }

        /** Past the padding and CRLF that end a boundary line starting before {@code at}. */
        private int lineEnd(int at) {
            while (at < length && (body[at] == ' ' || body[at] == '\t')) {
                at++;
            }
            if (at + 1 < length && body[at] == CR && body[at + 1] == LF) {
                return at + 2;
            }
            if (at < length && body[at] == LF) {
                throw UnreadableForm.malformed("a boundary line ends in a bare LF: lines end in CRLF (RFC 2046)");
            }
            if (at >= length - 1) {
                throw UnreadableForm.malformed("the body ends after a boundary line, before its closing boundary "
                        + "(--boundary--)");
            }
            throw UnreadableForm.malformed("a boundary line goes on after its boundary (it ends in CRLF, or in -- "
                    + "for the closing one)");
        }

        /** Reads a part's header lines, from {@code at} to the empty line; answers where its content starts. */
        private int headers(int at, List<Header> headers) {
            int start = at;
            while (true) {
                int lf = indexOfLf(at, start + limits.headerBytes());
                if (lf < 0) {
                    if (length - start >= limits.headerBytes()) {
                        throw UnreadableForm.tooLarge("the headers of a part are longer than " + limits.headerBytes()
                                + " bytes");
                    }
                    throw UnreadableForm.malformed("the body ends inside a part's headers");
                }
                if (lf == at || body[lf - 1] != CR) {
                    throw UnreadableForm.malformed("a part's header line ends in a bare LF: lines end in CRLF "
                            + "(RFC 2046)");
                }
                if (lf == at + 1) {
                    return lf + 1; // the empty line: the content follows
                }
                String line = new String(body, at, lf - 1 - at, StandardCharsets.UTF_8);
                if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                    if (headers.isEmpty()) {
                        throw UnreadableForm.malformed("a part's headers begin with a continued line");
                    }
                    Header folded = headers.removeLast();
                    headers.add(new Header(folded.name(), folded.value() + " " + line.strip()));
                } else {
                    int colon = line.indexOf(':');
                    if (colon <= 0) {
                        throw UnreadableForm.malformed("a part's header line is not \"Name: value\"");
                    }
                    headers.add(new Header(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
                }
                at = lf + 1;
            }
        }

        /** The first LF from {@code from}, looking no further than {@code limit} (exclusive) or the body's end. */
        private int indexOfLf(int from, int limit) {
            int end = Math.min(length, limit);
            for (int i = from; i < end; i++) {
                if (body[i] == LF) {
                    return i;
                }
            }
            return -1;
        }

        private Part part(List<Header> headers, int headersStart, int offset, int size, int number) {
            String disposition = null;
            String contentType = null;
            for (Header header : headers) {
                if (disposition == null && header.name().equalsIgnoreCase("Content-Disposition")) {
                    disposition = header.value();
                } else if (contentType == null && header.name().equalsIgnoreCase("Content-Type")) {
                    contentType = header.value();
                }
            }
            if (disposition == null) {
                throw UnreadableForm.malformed("part " + number + " has no Content-Disposition header");
            }
            int semicolon = disposition.indexOf(';');
            if (!(semicolon < 0 ? disposition : disposition.substring(0, semicolon)).strip()
                    .equalsIgnoreCase("form-data")) {
                throw UnreadableForm.malformed("part " + number + "'s Content-Disposition is not form-data");
            }
            String name = null;
            String filename = null;
            for (Parameters parameters = new Parameters(disposition, semicolon); parameters.next(); ) {
                if (name == null && parameters.name.equals("name")) {
                    name = parameters.value;
                } else if (filename == null && parameters.name.equals("filename")) {
                    filename = parameters.value;
                }
            }
            if (name == null) {
                throw UnreadableForm.malformed("part " + number + "'s Content-Disposition has no name");
            }
            return new Part(name, filename, contentType, List.copyOf(headers), body, offset, size);
        }
    }

    /**
     * The parameters of a header value after its first {@code ;}: {@code name=token} or {@code name="quoted"} (a
     * backslash takes the next character as it is), separated by {@code ;}. Names are compared in lower case.
     */
    private static final class Parameters {

        private final String text;
        private int at;
        String name;
        String value;

        /** @param start the index of the first {@code ;}, or -1 if there is none */
        Parameters(String text, int start) {
            this.text = text;
            this.at = start < 0 ? text.length() : start;
        }

        /** Moves to the next parameter; false when there is none. */
        boolean next() {
            while (at < text.length() && (text.charAt(at) == ';' || isSpace(text.charAt(at)))) {
                at++;
            }
            if (at >= text.length()) {
                return false;
            }
            int nameStart = at;
            while (at < text.length() && text.charAt(at) != '=' && text.charAt(at) != ';') {
                at++;
            }
            name = text.substring(nameStart, at).strip().toLowerCase(Locale.ROOT);
            if (at >= text.length() || text.charAt(at) == ';') {
                value = "";
                return true;
            }
            at++; // '='
            while (at < text.length() && isSpace(text.charAt(at))) {
                at++;
            }
            if (at < text.length() && text.charAt(at) == '"') {
                StringBuilder quoted = new StringBuilder();
                at++;
                while (true) {
                    if (at >= text.length()) {
                        throw UnreadableForm.malformed("a quoted parameter has no closing quote");
                    }
                    char c = text.charAt(at++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\' && at < text.length()) {
                        c = text.charAt(at++);
                    }
                    quoted.append(c);
                }
                value = quoted.toString();
                while (at < text.length() && text.charAt(at) != ';') {
                    if (!isSpace(text.charAt(at++))) {
                        throw UnreadableForm.malformed("a quoted parameter is followed by more than a ;");
                    }
                }
            } else {
                int valueStart = at;
                while (at < text.length() && text.charAt(at) != ';') {
                    at++;
                }
                value = text.substring(valueStart, at).strip();
            }
            return true;
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t';
        }
    }
}
