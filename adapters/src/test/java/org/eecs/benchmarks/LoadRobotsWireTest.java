package org.eecs.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eecs.testing.Multipart;
import org.junit.jupiter.api.Test;

/** What the load robots put on the wire and read from it, checked without the backend. */
class LoadRobotsWireTest {

    private static final byte[] WAV = "RIFF....WAVEfmt data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRAME = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
    private static final String ANSWER = "{\"turnId\" : \"b3a1-77\", \"sequence\": 4, \"plan\": {\"turnId\": \"no\"}}";

    @Test
    void aTurnsBody_isWhatMultipartBuildsForTheSameParts_withItsLengthKnown() {
        TurnBody body = new TurnBody(WAV, FRAME, 3);
        byte[] utterance = "{\"startedAt\": \"2026-12-02T08:00:00Z\", \"frameCapturedAt\": [\"a\", \"b\", \"c\"]}"
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer start = ByteBuffer.allocate(1024);
        body.putStart(start, utterance);
        ByteBuffer rest = body.rest();
        byte[] sent = new byte[start.position() + rest.remaining()];
        start.flip().get(sent, 0, start.remaining());
        rest.get(sent, start.limit(), rest.remaining());

        Multipart expected = new Multipart().part("utterance", "application/json", new String(utterance,
                StandardCharsets.UTF_8)).part("audio", "u.wav", "audio/wav", WAV);
        for (int i = 0; i < 3; i++) {
            expected.part("frame", "f" + i + ".jpg", "image/jpeg", FRAME);
        }
        assertThat(body.length(utterance)).isEqualTo(sent.length);
        assertThat(new String(sent, StandardCharsets.ISO_8859_1).replace(boundary(body.contentType()), "B"))
                .isEqualTo(new String(expected.bytes(), StandardCharsets.ISO_8859_1)
                        .replace(boundary(expected.contentType()), "B"));
    }

    @Test
    void theTurnId_isFoundInAChunkedAnswerCutAnywhere_andTheRestIsDropped() throws IOException {
        byte[] answer = ("HTTP/1.1 200 \r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a\r\n" + ANSWER.substring(0, 10) + "\r\n"
                + Integer.toHexString(ANSWER.length() - 10) + ";note=x\r\n" + ANSWER.substring(10) + "\r\n"
                + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int cut = 1; cut < answer.length; cut++) { // every cut: in the status line, a header, a size, a CR LF
            TurnAnswers.Answer read = new TurnAnswers.OverHttp().read(arriving(
                    slice(answer, 0, cut), slice(answer, cut, answer.length)));
            assertThat(read.status()).as("cut at %d", cut).isEqualTo(200);
            assertThat(read.turnId()).as("cut at %d", cut).isEqualTo("b3a1-77");
        }
    }

    @Test
    void anAnswerByteByByte_isReadWhole_andItsLastByteIsTheLastReadsInstant() throws IOException {
        byte[] answer = ("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n"
                + Integer.toHexString(ANSWER.length()) + "\r\n" + ANSWER + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[][] bytes = new byte[answer.length][];
        for (int i = 0; i < answer.length; i++) {
            bytes[i] = slice(answer, i, i + 1);
        }
        long before = System.nanoTime();
        TurnAnswers.Answer read = new TurnAnswers.OverHttp().read(arriving(bytes));
        assertThat(read.turnId()).isEqualTo("b3a1-77");
        assertThat(read.lastByteNanos()).isBetween(before, System.nanoTime());
    }

    @Test
    void answersWithAContentLength_followEachOtherOnAKeptConnection() throws IOException {
        String one = "HTTP/1.1 200 OK\r\nContent-Length: " + ANSWER.length() + "\r\n\r\n" + ANSWER;
        String two = "HTTP/1.1 200 OK\r\ncontent-length:" + 17 + "\r\n\r\n{\"turnId\":\"next\"}";
        ReadableByteChannel connection = arriving(bytes(one + two.substring(0, 5)), bytes(two.substring(5)));
        TurnAnswers.OverHttp reading = new TurnAnswers.OverHttp(16); // a buffer smaller than an answer

        assertThat(reading.read(connection).turnId()).isEqualTo("b3a1-77");
        assertThat(reading.closes()).isFalse();
        assertThat(reading.read(connection).turnId()).isEqualTo("next");
    }

    @Test
    void aProblemAnswer_isRefusedWithItsTitle() throws IOException {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Consent withdrawn\",\"status\":409}";
        TurnAnswers.OverHttp reading = new TurnAnswers.OverHttp();
        TurnAnswers.Answer read = reading.read(arriving(bytes("HTTP/1.1 409 \r\nContent-Type: "
                + "application/problem+json\r\nConnection: close\r\nContent-Length: " + problem.length() + "\r\n\r\n"
                + problem)));

        assertThat(read.status()).isEqualTo(409);
        assertThat(read.turnId()).isNull();
        assertThat(read.problem()).isEqualTo("Consent withdrawn");
        assertThat(reading.closes()).isTrue();
    }

    @Test
    void aConnectionClosedBeforeTheAnswersLastByte_isAnError() {
        String cut = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n{\"turnId\": \"b3";

        assertThatThrownBy(() -> new TurnAnswers.OverHttp().read(arriving(bytes(cut))))
                .isInstanceOf(IOException.class).hasMessage("connection closed by the server in the answer's body");
        assertThatThrownBy(() -> new TurnAnswers.OverHttp().read(arriving()))
                .isInstanceOf(IOException.class)
                .hasMessage("connection closed by the server before the answer's status line");
    }

    @Test
    void aRobotsRequest_isItsHeadersAndBody_andTheNextGoesOnTheSameConnection() throws Exception {
        TurnBody body = new TurnBody(WAV, FRAME, 2);
        byte[] utterance = "{\"startedAt\": \"2026-12-02T08:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LoadRobots.HttpConnection robot = new LoadRobots.HttpConnection("http://127.0.0.1:"
                     + server.getLocalPort(), "/api/v1/robot/sessions/s-1/turns", "t0ken", body.contentType(),
                     body.rest())) {
            CompletableFuture<List<String>> received = CompletableFuture.supplyAsync(() -> {
                try (Socket accepted = server.accept()) {
                    InputStream in = accepted.getInputStream();
                    OutputStream out = accepted.getOutputStream();
                    String first = request(in, body.length(utterance));
                    out.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n{\"turnId\":\"one\"}\n"));
                    String second = request(in, body.length(utterance));
                    out.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n{\"turnId\":\"two\"}\n"));
                    return List.of(first, second);
                } catch (IOException failed) {
                    throw new IllegalStateException(failed);
                }
            });
            body.putStart(robot.request("k-1", body.length(utterance), body.startLength(utterance)), utterance);
            assertThat(robot.exchange().turnId()).isEqualTo("one");
            body.putStart(robot.request("k-2", body.length(utterance), body.startLength(utterance)), utterance);
            assertThat(robot.exchange().turnId()).isEqualTo("two");

            String first = received.join().getFirst();
            assertThat(first).startsWith("POST /api/v1/robot/sessions/s-1/turns HTTP/1.1\r\n")
                    .contains("\r\nAuthorization: Bearer t0ken\r\n", "\r\nContent-Type: " + body.contentType()
                            + "\r\n", "\r\nContent-Length: " + body.length(utterance) + "\r\n",
                            "\r\nIdempotency-Key: k-1\r\n\r\n")
                    .endsWith("--" + boundary(body.contentType()) + "--\r\n");
            assertThat(received.join().getLast()).contains("\r\nIdempotency-Key: k-2\r\n\r\n");
        }
    }

    /** One request read as the server would: its headers, then as many body bytes as they say. */
    private static String request(InputStream in, int bodyLength) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            read.write(in.read());
        }
        read.write(in.readNBytes(bodyLength));
        return read.toString(StandardCharsets.ISO_8859_1);
    }

    /** A connection on which these pieces arrive, one a read, then the end of the stream. */
    private static ReadableByteChannel arriving(byte[]... pieces) {
        Deque<byte[]> next = new ArrayDeque<>(List.of(pieces));
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer into) {
                if (next.isEmpty()) {
                    return -1;
                }
                byte[] piece = next.removeFirst();
                int fits = Math.min(piece.length, into.remaining());
                into.put(piece, 0, fits);
                if (fits < piece.length) {
                    next.addFirst(slice(piece, fits, piece.length));
                }
                return fits;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String boundary(String contentType) {
        return contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
    }
}
