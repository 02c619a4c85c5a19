package org.eecs.adapter.in.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A TCP proxy between the robot and the backend that can lose a streamed turn's answer on the way: once a
 * connection is upgraded to a WebSocket (the JDK's client upgrades one it kept from earlier requests, too), it reads
 * the backend's frames (unmasked, RFC 6455) a message at a time and, when told to, cuts the connection as the next
 * {@code answer} arrives, before the robot has heard it. Everything else passes untouched, both ways.
 */
final class AnswerLosingProxy implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FIN = 0x80;
    private static final int CONTINUATION = 0x0;
    private static final int TEXT = 0x1;

    private final ServerSocket listener;
    private final int backendPort;
    private final ExecutorService pumps = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger toLose = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();

    AnswerLosingProxy(int backendPort) {
        this.backendPort = backendPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pumps.submit(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next answer the backend streams is lost: the connection is cut instead. */
    void loseNextAnswer() {
        toLose.incrementAndGet();
    }

    int answersLost() {
        return lost.get();
    }

    /** One connection's state: the robot asked to upgrade it to a WebSocket, and the answer is still to come. */
    private static final class Link {
        volatile boolean upgradeAsked;
        volatile boolean frames;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket robot = keep(listener.accept());
                Socket backend;
                try {
                    backend = keep(new Socket(InetAddress.getLoopbackAddress(), backendPort));
                } catch (IOException down) {
                    robot.close(); // as the backend itself would: nobody listens
                    continue;
                }
                Link link = new Link();
                pumps.submit(() -> robotToBackend(robot, backend, link));
                pumps.submit(() -> backendToRobot(backend, robot, link));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /**
     * Untouched; but a request to upgrade is noted before it leaves, so that the other way knows the next bytes
     * from the backend answer it (a client sends a request only once it has read the answer to the one before).
     */
    private void robotToBackend(Socket robot, Socket backend, Link link) {
        try (InputStream in = robot.getInputStream(); OutputStream out = backend.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            String tail = "";
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (!link.frames) {
                    String seen = tail + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    if (seen.toLowerCase(Locale.ROOT).contains("\r\nupgrade: websocket")) {
                        link.upgradeAsked = true;
                    }
                    tail = seen.substring(Math.max(0, seen.length() - 32));
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // either side went away
        } finally {
            cut(robot, backend);
        }
    }

    /** Untouched, until the answer to an upgrade: after a 101 Switching Protocols, frame by frame. */
    private void backendToRobot(Socket backend, Socket robot, Link link) {
        try {
            InputStream in = new BufferedInputStream(backend.getInputStream());
            OutputStream out = robot.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                if (link.upgradeAsked) {
                    link.upgradeAsked = false;
                    byte[] head = head(in);
                    out.write(head);
                    out.flush();
                    if (new String(head, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101")) {
                        link.frames = true;
                        frames(in, out);
                        return;
                    }
                    continue;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                if (link.upgradeAsked) { // these bytes begin the answer to the upgrade
                    in = new BufferedInputStream(new SequenceInputStream(
                            new ByteArrayInputStream(Arrays.copyOf(buffer, n)), in));
                    continue;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // either side went away
        } finally {
            cut(backend, robot);
        }
    }

    /** The backend's WebSocket frames, a message at a time; an answer to lose is not passed on. */
    private void frames(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream frames = new ByteArrayOutputStream(); // of the message being read
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int first; (first = in.read()) >= 0; ) {
            int second = in.read();
            frames.write(first);
            frames.write(second);
            long length = second & 0x7F;
            int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
            if (extended > 0) {
                byte[] bytes = in.readNBytes(extended);
                frames.writeBytes(bytes);
                length = 0;
                for (byte b : bytes) {
                    length = length << 8 | (b & 0xFF);
                }
            }
            frames.writeBytes(in.readNBytes((second & 0x80) != 0 ? 4 : 0));
            byte[] payload = in.readNBytes(Math.toIntExact(length));
            frames.writeBytes(payload);
            int opcode = first & 0x0F;
            if (opcode == TEXT || opcode == CONTINUATION && text.size() > 0) {
                text.writeBytes(payload);
            }
            if ((first & FIN) == 0) {
                continue; // the rest of the message is still to come
            }
            if (isAnswer(text.toByteArray()) && toLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                lost.incrementAndGet();
                return; // and the connection is cut, the answer unsent
            }
            out.write(frames.toByteArray());
            out.flush();
            frames.reset();
            text.reset();
        }
    }

    private static byte[] head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toByteArray();
    }

    private static boolean isAnswer(byte[] message) {
        if (message.length == 0) {
            return false;
        }
        try {
            return JSON.readTree(message).path("type").asString("").equals("answer");
        } catch (JacksonException notJson) {
            return false;
        }
    }

    private Socket keep(Socket socket) {
        sockets.add(socket);
        return socket;
    }

    private void cut(Socket... ends) {
        for (Socket socket : ends) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            sockets.remove(socket);
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(socket -> cut(socket));
        pumps.shutdownNow();
    }
}
