package org.eecs.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import org.eecs.testing.Multipart;
import org.junit.jupiter.api.Test;

/** What the load robots put on the wire and read from it, checked without a server. */
class LoadRobotsWireTest {

    private static final byte[] WAV = "RIFF....WAVEfmt data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRAME = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};

    @Test
    void aTurnsBody_isWhatMultipartBuildsForTheSameParts_withItsLengthKnown() {
        TurnBody body = new TurnBody(WAV, FRAME, 3);
        String utterance = "{\"startedAt\": \"2026-12-02T08:00:00Z\", \"frameCapturedAt\": [\"a\", \"b\", \"c\"]}";
        HttpRequest.BodyPublisher published = body.with(utterance);

        Multipart expected = new Multipart().part("utterance", "application/json", utterance)
                .part("audio", "u.wav", "audio/wav", WAV);
        for (int i = 0; i < 3; i++) {
            expected.part("frame", "f" + i + ".jpg", "image/jpeg", FRAME);
        }
        byte[] sent = collect(published);
        assertThat(published.contentLength()).isEqualTo(sent.length);
        assertThat(new String(sent, StandardCharsets.ISO_8859_1).replace(boundary(body.contentType()), "B"))
                .isEqualTo(new String(expected.bytes(), StandardCharsets.ISO_8859_1)
                        .replace(boundary(expected.contentType()), "B"));
    }

    @Test
    void theTurnId_isFoundInAnAnswerCutAnywhere_andTheRestIsDropped() {
        String answer = "{\"turnId\" : \"b3a1-77\", \"sequence\": 4, \"plan\": {\"turnId\": \"no\"}}";
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            HttpResponse.BodySubscriber<TurnAnswers.Answer> reading = TurnAnswers.overHttp().apply(ok());
            reading.onSubscribe(new NoSubscription());
            reading.onNext(List.of(ByteBuffer.wrap(bytes, 0, cut).slice()));
            reading.onNext(List.of(ByteBuffer.wrap(bytes, cut, bytes.length - cut).slice()));
            reading.onComplete();
            assertThat(reading.getBody().toCompletableFuture().join().turnId()).as("cut at %d", cut)
                    .isEqualTo("b3a1-77");
        }
    }

    private static String boundary(String contentType) {
        return contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
    }

    private static byte[] collect(HttpRequest.BodyPublisher publisher) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable throwable) {
                throw new AssertionError(throwable);
            }

            @Override
            public void onComplete() {
            }
        });
        return out.toByteArray();
    }

    private static HttpResponse.ResponseInfo ok() {
        return new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public java.net.http.HttpHeaders headers() {
                return java.net.http.HttpHeaders.of(java.util.Map.of(), (name, value) -> true);
            }

            @Override
            public java.net.http.HttpClient.Version version() {
                return java.net.http.HttpClient.Version.HTTP_1_1;
            }
        };
    }

    private static final class NoSubscription implements Flow.Subscription {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
