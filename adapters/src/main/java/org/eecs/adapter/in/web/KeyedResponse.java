package org.eecs.adapter.in.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The response to a request sent with an {@code Idempotency-Key}, as it is written. An answer whose body the key must
 * remember is kept until the request ends ({@link ContentCachingResponseWrapper}), then remembered and sent. A care
 * turn's answer goes to the caller as it is serialised, never held: the turn answered its key in its own record, by
 * reference, so nothing needs its body (about 200 KB, held and copied at every keyed turn before). Which of the two
 * is decided when the body is first written, by then the handler has said whether a turn answered the request.
 */
final class KeyedResponse extends HttpServletResponseWrapper {

    private final ContentCachingResponseWrapper kept;
    private final BooleanSupplier answeredByATurn;
    /** Null until the body is first written. */
    private Boolean streamed;

    KeyedResponse(HttpServletResponse response, BooleanSupplier answeredByATurn) {
        this(new ContentCachingResponseWrapper(response), answeredByATurn);
    }

    private KeyedResponse(ContentCachingResponseWrapper kept, BooleanSupplier answeredByATurn) {
        super(kept);
        this.kept = kept;
        this.answeredByATurn = answeredByATurn;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        return streamed() ? kept.getResponse().getOutputStream() : super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        return streamed() ? kept.getResponse().getWriter() : super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
        if (Boolean.TRUE.equals(streamed)) {
            kept.getResponse().flushBuffer();
        } else {
            super.flushBuffer();
        }
    }

    private boolean streamed() {
        if (streamed == null) {
            streamed = answeredByATurn.getAsBoolean();
        }
        return streamed;
    }

    /** The body kept to be remembered with the key (empty for a streamed answer). */
    byte[] keptBody() {
        return kept.getContentAsByteArray();
    }

    /** Sends what was kept (nothing for a streamed answer, which was sent as it was written). */
    void sendKept() throws IOException {
        kept.copyBodyToResponse();
    }
}
