package org.eecs.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running server over real HTTP, as a client would. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public static Api onPort(int port) {
        return new Api("http://127.0.0.1:" + port);
    }

    /** A request to build: method, path, then optional token, headers and JSON body. */
    public Call call(String method, String path) {
        return new Call(method, path);
    }

    public Call get(String path) {
        return call("GET", path);
    }

    public Call post(String path) {
        return call("POST", path);
    }

    public Call put(String path) {
        return call("PUT", path);
    }

    public Call delete(String path) {
        return call("DELETE", path);
    }

    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpRequest.BodyPublisher body;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call token(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call json(String json) {
            this.body = HttpRequest.BodyPublishers.ofString(json);
            return header("Content-Type", "application/json");
        }

        /** A body of any type, such as a multipart form ({@link Multipart}). */
        public Call body(byte[] bytes, String contentType) {
            this.body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return header("Content-Type", contentType);
        }

        public Call multipart(Multipart form) {
            return body(form.bytes(), form.contentType());
        }

        public Answer send() {
            HttpResponse<String> response = send(HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        }

        /** For a binary answer, such as a PDF. */
        public HttpResponse<byte[]> sendForBytes() {
            return send(HttpResponse.BodyHandlers.ofByteArray());
        }

        private <T> HttpResponse<T> send(HttpResponse.BodyHandler<T> handler) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
            headers.forEach(request::header);
            try {
                return http.send(request.build(), handler);
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    public record Answer(int status, String body, HttpResponse<String> response) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
