package org.eecs.adapter.in.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, for the few failures that never reach {@link ProblemResponses}: an
 * exception thrown in a filter (the identity provider unreachable, the database down while an idempotency key
 * is claimed) or an error sent by the container itself. The answer is a problem like every other, with the
 * status the failure really had, and nothing of the failure's details.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        ProblemDetail problem = kindOf(status).detail(status.is5xxServerError()
                ? "an unexpected error occurred; it has been logged"
                : "the request could not be carried out: " + status.getReasonPhrase().toLowerCase(Locale.ROOT));
        problem.setStatus(status.value());
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            try {
                problem.setInstance(URI.create(uri));
            } catch (IllegalArgumentException notAUri) {
                // leave it out
            }
        }
        String requestId = RequestIds.of(request);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (status == HttpStatus.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return answer.body(problem);
    }

    private static Problem kindOf(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> Problem.UNAUTHENTICATED;
            case FORBIDDEN -> Problem.FORBIDDEN;
            case NOT_FOUND -> Problem.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> Problem.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> Problem.NOT_ACCEPTABLE;
            case CONTENT_TOO_LARGE -> Problem.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> Problem.UNSUPPORTED_MEDIA_TYPE;
            default -> status.is4xxClientError() ? Problem.MALFORMED_REQUEST : Problem.INTERNAL_ERROR;
        };
    }

    private static HttpStatus statusOf(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
