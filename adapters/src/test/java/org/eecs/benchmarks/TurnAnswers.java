package org.eecs.benchmarks;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load robot's reading of the backend's answers (docs/robot-protocol.md), cheaply: the robot needs only the turn's
 * id, so the 200 KB answer is not kept, turned into a string or parsed as JSON. The instant its last byte came in is
 * taken as it comes in, before anything else is done with it.
 */
final class TurnAnswers {

    private TurnAnswers() {
    }

    /** An HTTP turn's answer: its status, the turn's id (200) or the problem's title, when its last byte was in. */
    record Answer(int status, String turnId, String problem, long lastByteNanos) {
    }

    /**
     * A robot's reading of its HTTP/1.1 answers on its own kept-alive connection, as a load generator reads them:
     * with one buffer, reused answer after answer, straight from the socket (status line, headers, then a
     * {@code Content-Length} or chunked body). A 200's bytes are scanned for {@code "turnId"} and dropped; any other
     * answer keeps its first 4 KB for the problem's title. The answer's last byte is in when the read that brought
     * it returned: that instant is taken as each read returns, before its bytes are looked at.
     */
    static final class OverHttp {
        private static final int KEPT = 4096;
        private static final int LONGEST_LINE = 8192;
        private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"([^\"]*)\"");

        private final ByteBuffer in;
        private final StringBuilder line = new StringBuilder(128);
        private final TurnIdScan scan = new TurnIdScan();
        private final byte[] kept = new byte[KEPT];
        private int keptLength;
        private long lastReadNanos;
        private boolean closes;

        OverHttp() {
            this(64 * 1024);
        }

        OverHttp(int bufferBytes) {
            this.in = ByteBuffer.allocateDirect(bufferBytes).flip(); // nothing read yet
        }

        /**
         * Reads the next whole answer from the connection.
         *
         * @throws IOException the connection was closed (or failed) before the answer's last byte
         */
        Answer read(ReadableByteChannel from) throws IOException {
            int status;
            long length;
            boolean chunked;
            do { // an interim answer (1xx) has no body: the final one follows
                line(from, "before the answer's status line");
                status = status();
                length = -1;
                chunked = false;
                closes = false;
                while (line(from, "in the answer's headers") > 0) {
                    if (named("content-length:")) {
                        length = number(15, 10);
                    } else if (named("transfer-encoding:")) {
                        chunked = contains("chunked");
                    } else if (named("connection:")) {
                        closes = contains("close");
                    }
                }
            } while (status >= 100 && status < 200);
            boolean ok = status == 200;
            scan.reset();
            keptLength = 0;
            if (chunked) {
                for (long size; (size = chunkSize(from)) > 0; ) {
                    body(from, size, ok);
                    if (line(from, "after a chunk of the answer") != 0) {
                        throw new IOException("a chunk of the answer longer than its size");
                    }
                }
                while (line(from, "in the answer's trailer") > 0) { // trailer fields, if any, are not needed
                }
            } else if (length >= 0) {
                body(from, length, ok);
            } else if (status == 204 || status == 304) { // no body by definition
            } else { // neither: the body ends as the server closes the connection
                body(from, Long.MAX_VALUE, ok);
                closes = true;
            }
            long lastByte = lastReadNanos;
            if (ok) {
                return scan.turnId() != null ? new Answer(status, scan.turnId(), null, lastByte)
                        : new Answer(status, null, "an answer without a turnId", lastByte);
            }
            return new Answer(status, null, title(), lastByte);
        }

        /** Whether the last answer said the server closes the connection after it (the next turn opens another). */
        boolean closes() {
            return closes;
        }

        /** Forgets what a broken connection left in the buffer, for a new connection. */
        void reset() {
            in.clear().flip();
        }

        /** Reads into the emptied buffer; false at the end of the stream. */
        private boolean fill(ReadableByteChannel from) throws IOException {
            in.clear();
            int read;
            do {
                read = from.read(in);
            } while (read == 0);
            lastReadNanos = System.nanoTime();
            in.flip();
            return read > 0;
        }

        /** The next line, without its CR LF, into {@code line}; its length. */
        private int line(ReadableByteChannel from, String where) throws IOException {
            line.setLength(0);
            while (true) {
                if (!in.hasRemaining() && !fill(from)) {
                    throw new IOException("connection closed by the server " + where);
                }
                char c = (char) (in.get() & 0xFF);
                if (c == '\n') {
                    int length = line.length();
                    if (length > 0 && line.charAt(length - 1) == '\r') {
                        line.setLength(--length);
                    }
                    return length;
                }
                if (line.length() == LONGEST_LINE) {
                    throw new IOException("an answer's line longer than " + LONGEST_LINE + " bytes");
                }
                line.append(c);
            }
        }

        /** The body's next {@code size} bytes (or all until the connection is closed), scanned or kept. */
        private void body(ReadableByteChannel from, long size, boolean ok) throws IOException {
            while (size > 0) {
                if (!in.hasRemaining() && !fill(from)) {
                    if (size == Long.MAX_VALUE) {
                        return;
                    }
                    throw new IOException("connection closed by the server in the answer's body");
                }
                int at = in.position();
                int n = (int) Math.min(size, in.remaining());
                if (ok) {
                    scan.scan(in, at, at + n);
                } else {
                    int keep = Math.min(n, KEPT - keptLength);
                    in.get(at, kept, keptLength, keep);
                    keptLength += keep;
                }
                in.position(at + n);
                if (size != Long.MAX_VALUE) {
                    size -= n;
                }
            }
        }

        private long chunkSize(ReadableByteChannel from) throws IOException {
            line(from, "before a chunk of the answer");
            return number(0, 16);
        }

        private int status() throws IOException {
            if (line.length() < 12 || !named("HTTP/1.") || line.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.1 status line: " + line);
            }
            return (int) number(9, 10);
        }

        /** Whether the line begins with this (an ASCII header name with its colon, in lower case), in any case. */
        private boolean named(String name) {
            if (line.length() < name.length()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (Character.toLowerCase(line.charAt(i)) != Character.toLowerCase(name.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private boolean contains(String word) {
            for (int i = 0; i + word.length() <= line.length(); i++) {
                int j = 0;
                while (j < word.length() && Character.toLowerCase(line.charAt(i + j)) == word.charAt(j)) {
                    j++;
                }
                if (j == word.length()) {
                    return true;
                }
            }
            return false;
        }

        /** The number written in the line from {@code from} (spaces before it skipped), up to its first non-digit. */
        private long number(int from, int radix) throws IOException {
            int i = from;
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            long value = 0;
            int digits = 0;
            for (int digit; i < line.length() && (digit = Character.digit(line.charAt(i), radix)) >= 0; i++) {
                value = value * radix + digit;
                digits++;
            }
            if (digits == 0 || digits > 15) {
                throw new IOException("not a number: " + line);
            }
            return value;
        }

        /** The kept problem's title (RFC 7807), or what was kept of the answer if it has none. */
        private String title() {
            String text = new String(kept, 0, keptLength, StandardCharsets.UTF_8);
            Matcher title = TITLE.matcher(text);
            return title.find() ? title.group(1) : text;
        }
    }

    /** Finds the string value of the first {@code "turnId"} member in the bytes as they stream past. */
    static final class TurnIdScan {
        private static final byte[] NAME = "\"turnId\"".getBytes(StandardCharsets.US_ASCII);

        private final StringBuilder value = new StringBuilder(40);
        /** matched bytes of NAME; then NAME.length while before the value's quote, NAME.length + 1 inside it */
        private int state;
        private boolean found;

        void reset() {
            value.setLength(0);
            state = 0;
            found = false;
        }

        /** The turn's id, once found. */
        String turnId() {
            return found ? value.toString() : null;
        }

        void scan(ByteBuffer bytes, int from, int to) {
            for (int i = from; !found && i < to; i++) {
                scan(bytes.get(i));
            }
        }

        private void scan(byte b) {
            if (state < NAME.length) {
                state = b == NAME[state] ? state + 1 : b == '"' ? 1 : 0;
            } else if (state == NAME.length) {
                if (b == '"') {
                    state++;
                } else if (b != ':' && b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    state = 0; // not a string value after all
                }
            } else if (b == '"') {
                found = true;
            } else {
                value.append((char) b); // an id is ASCII
            }
        }
    }

    /** One whole message of the turn stream: its type, the turn's id if it has one, the instant its last piece came. */
    record Said(String type, String turnId, String beginning, long lastPieceNanos) {
    }

    /**
     * A robot's end of the turn stream: each whole text message the backend says, of which only the first 4 KB are
     * kept (type, key and turn id come first; a problem fits), the rest (an answer's plan) dropped as it comes.
     */
    static final class OnStream implements WebSocket.Listener {
        private static final int KEPT = 4096;
        private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
        private static final Pattern TURN = Pattern.compile("\"turnId\"\\s*:\\s*\"([^\"]*)\"");

        private final BlockingQueue<Said> said = new LinkedBlockingQueue<>();
        private final StringBuilder beginning = new StringBuilder(KEPT);

        /** The backend's next whole message; null if it said nothing within the time. */
        Said next(long millis) throws InterruptedException {
            return said.poll(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            int room = KEPT - beginning.length();
            if (room > 0) {
                beginning.append(data, 0, Math.min(room, data.length()));
            }
            if (last) {
                long lastPiece = System.nanoTime();
                said.add(new Said(find(TYPE), find(TURN), beginning.toString(), lastPiece));
                beginning.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private String find(Pattern member) {
            Matcher found = member.matcher(beginning);
            return found.find() ? found.group(1) : null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            said.add(new Said("closed", null, statusCode + " " + reason, System.nanoTime()));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            said.add(new Said("closed", null, String.valueOf(error), System.nanoTime()));
        }
    }
}
