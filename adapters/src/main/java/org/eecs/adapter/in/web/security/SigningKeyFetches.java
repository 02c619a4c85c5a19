package org.eecs.adapter.in.web.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Every request the token decoder makes to the identity provider (its metadata once, then its signing keys each time
 * the decoder's copy of them runs out or a token names a key it does not hold) starts a new {@link Fetch}: what
 * {@link VerifiedTokens} remembered under an earlier one was checked against keys that may since have been
 * withdrawn. Counted when the request starts, before any answer, so that a fetch that fails forgets as well.
 */
final class SigningKeyFetches implements ClientHttpRequestInterceptor {

    /** One fetch of the identity provider's keys; told apart by identity, never by its instant. */
    static final class Fetch {

        private final Instant startedAt;

        private Fetch(Instant startedAt) {
            this.startedAt = startedAt;
        }

        Instant startedAt() {
            return startedAt;
        }
    }

    private final Clock clock;
    private volatile Fetch latest;

    SigningKeyFetches(Clock clock) {
        this.clock = clock;
    }

    /** The latest fetch begun; {@code null} before the first. */
    Fetch latest() {
        return latest;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        latest = new Fetch(clock.instant());
        return execution.execute(request, body);
    }
}
