package org.eecs.adapter.in.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eecs.application.port.in.ConversingWithPatients;
import org.eecs.domain.turn.RetryKey;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Makes a creating POST safe to retry: with an {@code Idempotency-Key} header, the first successful answer is
 * remembered and every retry with the same key and the same request gets that answer again
 * ({@code Idempotent-Replayed: true}) and creates nothing. The same key with a different request is refused
 * (422); a retry while the first is still running is refused (409). The claim of a key is committed before the
 * request runs, so that every instance sees the key taken. A care turn answers its key itself, by reference, in the
 * unit of work that records it (the key is handed to it as the robot's {@link RetryKey}), its answer is streamed to
 * the robot as it is written ({@link KeyedResponse}), and prepared again for a retry ({@link AnsweredTurns}). Runs
 * after authentication: keys are per caller, so it is placed in the security filter chain, not registered on its own.
 */
@Component("idempotencyKeys")
class IdempotencyKeys extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern ACCEPTABLE = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** The longest path the remembered requests keep (idempotent_request.path). */
    private static final int MAX_PATH_LENGTH = 500;

    private final IdempotentRequests requests;
    private final AnsweredTurns turns;
    private final UnreachableDatabase unreachableDatabase;
    private final MultipartForms forms;
    private final HandlerExceptionResolver problems;

    IdempotencyKeys(IdempotentRequests requests, AnsweredTurns turns, UnreachableDatabase unreachableDatabase,
                    MultipartForms forms, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.requests = requests;
        this.turns = turns;
        this.unreachableDatabase = unreachableDatabase;
        this.forms = forms;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!ACCEPTABLE.matcher(key).matches() || authentication == null) {
            problems.resolveException(request, response, null, new IdempotencyProblem(Problem.INVALID_PARAMETER,
                    HEADER + " must be 1 to 255 visible ASCII characters"));
            return;
        }
        String caller = authentication.getName();
        String path = request.getRequestURI();
        if (path.length() > MAX_PATH_LENGTH) {
            // no resource of this API has such a path; it could not be remembered with the key either
            problems.resolveException(request, response, null, new IdempotencyProblem(Problem.INVALID_PARAMETER,
                    "the path is too long for a request with an " + HEADER));
            return;
        }
        RequestFingerprint fingerprint;
        HttpServletRequest cached;
        try {
            if (forms.isMultipart(request)) {
                MultipartFormRequest form = forms.resolveMultipart(request);
                fingerprint = RequestFingerprint.ofForm(request.getMethod(), path, form.form());
                cached = form;
            } else {
                CachedBodyRequest body = new CachedBodyRequest(request);
                fingerprint = RequestFingerprint.ofBody(request.getMethod(), path, body.body());
                cached = body;
            }
        } catch (RequestTooLarge | UnreadableForm unreadable) {
            problems.resolveException(request, response, null, unreadable);
            return;
        }
        Optional<IdempotentRequests.Remembered> remembered;
        try {
            remembered = requests.claim(caller, key, request.getMethod(), path, fingerprint.value());
        } catch (DataAccessException | TransactionException failure) {
            if (!unreachableDatabase.explains(failure)) {
                throw failure;
            }
            problems.resolveException(request, response, null, failure); // 503: retry with the same key
            return;
        }
        if (remembered.isPresent()) {
            replay(remembered.get(), caller, fingerprint, request, response);
            return;
        }
        AnsweredTurns.claimed(request, new RetryKey(caller, key));
        KeyedResponse recorded = new KeyedResponse(response, () -> AnsweredTurns.answeredBy(request) != null);
        try {
            chain.doFilter(cached, recorded);
        } catch (Throwable failure) {
            if (AnsweredTurns.answeredBy(request) == null) {
                // not answered: the status still reads 200, and remembering it would replay an empty success
                requests.release(caller, key);
            } // else the turn is recorded and its key answered with it: a retry gets its answer
            throw failure;
        }
        if (AnsweredTurns.answeredBy(request) != null) {
            return; // answered by the turn, in its record, and streamed as it was written
        }
        if (recorded.getStatus() >= 200 && recorded.getStatus() < 300) {
            requests.answer(caller, key, recorded.getStatus(), recorded.getContentType(),
                    recorded.getHeader(HttpHeaders.LOCATION), recorded.keptBody());
        } else {
            requests.release(caller, key);
        }
        recorded.sendKept();
    }

    private void replay(IdempotentRequests.Remembered first, String caller, RequestFingerprint fingerprint,
                        HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!fingerprint.matches(first.requestHash())) {
            problems.resolveException(request, response, null, new IdempotencyProblem(Problem.IDEMPOTENCY_KEY_REUSED,
                    "this " + HEADER + " was used for a different request; use a new key for a new request"));
            return;
        }
        if (first.inProgress()) {
            problems.resolveException(request, response, null, new IdempotencyProblem(Problem.IDEMPOTENCY_KEY_IN_USE,
                    "the first request with this " + HEADER + " is still being processed; retry shortly"));
            return;
        }
        if (first.turn() != null) {
            replayTurn(first.turn(), caller, request, response);
            return;
        }
        response.setStatus(first.status());
        if (first.contentType() != null) {
            response.setContentType(first.contentType());
        }
        if (first.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, first.location());
        }
        response.setHeader("Idempotent-Replayed", "true");
        if (first.body() != null) {
            response.getOutputStream().write(first.body());
        }
    }

    /** A care turn's answer, prepared again from its record, and written as the first one was: 200, JSON. */
    private void replayTurn(UUID turn, String caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ConversingWithPatients.TurnAnswer again;
        try {
            again = turns.again(request, caller, turn);
        } catch (RuntimeException failure) {
            problems.resolveException(request, response, null, failure);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Idempotent-Replayed", "true");
        turns.writeAsJson(again, response.getOutputStream());
    }

    /** Keeps the servlet container from running this filter outside the security chain as well. */
    @Component
    static class NotOnItsOwn {
        @Bean
        FilterRegistrationBean<IdempotencyKeys> idempotencyKeysOnlyInTheSecurityChain(IdempotencyKeys filter) {
            FilterRegistrationBean<IdempotencyKeys> registration = new FilterRegistrationBean<>(filter);
            registration.setEnabled(false);
            return registration;
        }
    }
}
