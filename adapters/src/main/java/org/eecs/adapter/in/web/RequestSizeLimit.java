package org.eecs.adapter.in.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses request bodies over {@code eecs.api.max-request-bytes} with 413: at once when the declared length is
 * too large, or as soon as a body sent without a length (chunked) passes the limit. A robot's turns carry audio and
 * frames: under {@code /api/v1/robot/} the limit is {@code eecs.api.max-turn-bytes} (a multipart body is read through
 * this filter's bound by {@link MultipartForms}, which holds to the same limit).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestSizeLimit extends OncePerRequestFilter {

    static final String ROBOT_API = "/api/v1/robot/";

    private final long requestLimit;
    private final long turnLimit;
    private final HandlerExceptionResolver problems;

    RequestSizeLimit(@Value("${eecs.api.max-request-bytes}") long requestLimit,
                     @Value("${eecs.api.max-turn-bytes}") long turnLimit,
                     @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.requestLimit = requestLimit;
        this.turnLimit = turnLimit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = request.getRequestURI().startsWith(ROBOT_API) ? turnLimit : requestLimit;
        if (request.getContentLengthLong() > limit) {
            problems.resolveException(request, response, null, new RequestTooLarge(limit));
            return;
        }
        try {
            chain.doFilter(new Bounded(request, limit), response);
        } catch (RequestTooLarge | ServletException tooLarge) {
            // read past the limit by a filter (form parameters, a cached body) rather than by a controller
            if (!(causeIn(tooLarge) instanceof RequestTooLarge cause) || response.isCommitted()) {
                throw tooLarge;
            }
            response.reset();
            if (RequestIds.of(request) != null) {
                response.setHeader(RequestIds.HEADER, RequestIds.of(request));
            }
            problems.resolveException(request, response, null, cause);
        }
    }

    private static Throwable causeIn(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLarge) {
                return cause;
            }
        }
        return thrown;
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestTooLarge {
            read += n;
            if (read > limit) {
                throw new RequestTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
