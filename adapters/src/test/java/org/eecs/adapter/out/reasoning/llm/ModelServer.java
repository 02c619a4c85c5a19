package org.eecs.adapter.out.reasoning.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A language-model server in the test JVM that speaks the real protocols: OpenAI chat completions
 * ({@code POST /v1/chat/completions}) and Ollama chat ({@code POST /api/chat}, not streamed). It answers from a
 * script, one step per request, and keeps every request body for inspection.
 */
final class ModelServer implements AutoCloseable {

    enum Protocol { OPENAI, OLLAMA }

    /** One scripted answer: the HTTP status, the assistant's content, and how long to wait before answering. */
    record Step(int status, String content, Duration delay) {
        static Step answer(String content) {
            return new Step(200, content, Duration.ZERO);
        }

        static Step slow(String content, Duration delay) {
            return new Step(200, content, delay);
        }

        static Step failure(int status) {
            return new Step(status, null, Duration.ZERO);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Protocol protocol;
    private final HttpServer server;
    private final Deque<Step> script = new ArrayDeque<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    ModelServer(Protocol protocol) throws IOException {
        this.protocol = protocol;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(protocol == Protocol.OPENAI ? "/v1/chat/completions" : "/api/chat", this::handle);
        server.start();
    }

    /** The base URL a client is configured with: up to {@code /v1} for OpenAI, the server for Ollama. */
    String baseUrl() {
        String server = "http://127.0.0.1:" + this.server.getAddress().getPort();
        return protocol == Protocol.OPENAI ? server + "/v1" : server;
    }

    ModelServer then(Step step) {
        synchronized (script) {
            script.add(step);
        }
        return this;
    }

    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            Step step;
            synchronized (script) {
                step = script.isEmpty() ? Step.failure(503) : script.poll();
            }
            if (!step.delay().isZero()) {
                try {
                    Thread.sleep(step.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String body = step.status() == 200 ? success(step.content())
                    : "{\"error\": {\"message\": \"the model server failed\", \"type\": \"server_error\"}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(step.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String success(String content) {
        String quoted = JSON.writeValueAsString(content);
        if (protocol == Protocol.OPENAI) {
            return """
                    {"id": "chatcmpl-eecs-1", "object": "chat.completion", "created": 1764064800,
                     "model": "Qwen/Qwen2.5-14B-Instruct",
                     "choices": [{"index": 0, "message": {"role": "assistant", "content": %s},
                                  "logprobs": null, "finish_reason": "stop"}],
                     "usage": {"prompt_tokens": 412, "completion_tokens": 38, "total_tokens": 450}}"""
                    .formatted(quoted);
        }
        return """
                {"model": "qwen2.5:14b", "created_at": "2026-11-25T10:00:00.000000Z",
                 "message": {"role": "assistant", "content": %s}, "done_reason": "stop", "done": true,
                 "total_duration": 812000000, "load_duration": 2000000, "prompt_eval_count": 412,
                 "prompt_eval_duration": 300000000, "eval_count": 38, "eval_duration": 500000000}"""
                .formatted(quoted);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
