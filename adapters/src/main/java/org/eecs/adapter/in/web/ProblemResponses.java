package org.eecs.adapter.in.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.NotFound;
import org.eecs.application.port.in.NotPermitted;
import org.eecs.application.port.in.SessionNotInProgress;
import org.eecs.application.port.out.SynthesizeSpeech;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.domain.DomainViolation;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.eecs.domain.session.IllegalSessionTransition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error the API gives is an RFC 7807 problem ({@code application/problem+json}) with a stable type from
 * {@link Problem}, the request's id, and for invalid bodies a list of the fields at fault. Errors of the client's
 * making are 4xx; a 500 means a defect of ours and says nothing more than that.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final UnreachableDatabase unreachableDatabase;

    ProblemResponses(UnreachableDatabase unreachableDatabase) {
        this.unreachableDatabase = unreachableDatabase;
    }

    @ExceptionHandler(IllegalSessionTransition.class)
    ResponseEntity<Object> illegalTransition(IllegalSessionTransition e, WebRequest request) {
        return problem(Problem.ILLEGAL_TRANSITION, e.getMessage(), request);
    }

    @ExceptionHandler(DomainViolation.class)
    ResponseEntity<Object> invalidValue(DomainViolation e, WebRequest request) {
        return problem(Problem.INVALID_VALUE, e.getMessage(), request);
    }

    /** Only the caller's own out-of-range parameters: any other IllegalArgumentException is a defect, a 500. */
    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<Object> invalidParameter(InvalidRequest e, WebRequest request) {
        return problem(Problem.INVALID_PARAMETER, e.getMessage(), request);
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound e, WebRequest request) {
        return problem(Problem.NOT_FOUND, e.getMessage(), request);
    }

    @ExceptionHandler(NotPermitted.class)
    ResponseEntity<Object> notPermitted(NotPermitted e, WebRequest request) {
        return problem(Problem.FORBIDDEN, e.getMessage(), request);
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<Object> conflict(Conflict e, WebRequest request) {
        ProblemDetail problem = Problem.CONFLICT.detail(e.getMessage());
        problem.setType(URI.create(Problem.TYPE_PREFIX + e.kind()));
        return respond(problem, request);
    }

    /** The robot learns why its session takes no turns: the state, and the reason it ended early. */
    @ExceptionHandler(SessionNotInProgress.class)
    ResponseEntity<Object> sessionNotInProgress(SessionNotInProgress e, WebRequest request) {
        ProblemDetail problem = Problem.CONFLICT.detail(e.getMessage());
        problem.setType(URI.create(Problem.TYPE_PREFIX + e.kind()));
        problem.setProperty("state", e.state());
        problem.setProperty("endReason", e.endReason());
        return respond(problem, request);
    }

    @ExceptionHandler(TranscribeSpeech.UnreadableAudio.class)
    ResponseEntity<Object> unreadableAudio(TranscribeSpeech.UnreadableAudio e, WebRequest request) {
        return problem(Problem.UNREADABLE_AUDIO, "the audio is not a WAV this server can read: " + e.getMessage(),
                request);
    }

    /**
     * The database cannot be reached: nothing was kept, and the same request may be sent again shortly (503). Any
     * other failure of the database or of a transaction is a defect (500).
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Object> unavailable(Exception e, WebRequest request) {
        if (!unreachableDatabase.explains(e)) {
            return defect(e, request);
        }
        log.warn("the database could not be reached: {}", e.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        ProblemDetail problem = Problem.UNAVAILABLE.detail("the records cannot be reached just now; nothing of this "
                + "request was kept: send it again shortly");
        return handleExceptionInternal(e, withRequestId(problem, request), headers,
                HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    /** Tomcat refuses a query string it cannot split into parameters (such as {@code ?=x}) when one is first read. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> unreadableQuery(InvalidParameterException e, WebRequest request) {
        return problem(Problem.MALFORMED_REQUEST, "the query string could not be read: each parameter is name=value, "
                + "names not empty", request);
    }

    /**
     * A speech server (Whisper, the speech synthesis) failed: nothing of the turn was kept, and the same turn may be
     * sent again shortly (503, with its key). Logged without the server's answer, which may quote the patient.
     */
    @ExceptionHandler({TranscribeSpeech.TranscriptionFailed.class, SynthesizeSpeech.SynthesisFailed.class})
    ResponseEntity<Object> modelUnavailable(RuntimeException e, WebRequest request) {
        log.warn("a model server failed ({}); the turn was not taken", e.getClass().getSimpleName());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        ProblemDetail problem = Problem.MODEL_UNAVAILABLE.detail(modelUnavailable(e));
        return handleExceptionInternal(e, withRequestId(problem, request), headers,
                HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    static String modelUnavailable(RuntimeException e) {
        return (e instanceof TranscribeSpeech.TranscriptionFailed ? "the speech recognition" : "the speech synthesis")
                + " service failed; nothing of this turn was kept: send it again shortly with the same key";
    }

    @ExceptionHandler(IdempotencyProblem.class)
    ResponseEntity<Object> idempotency(IdempotencyProblem e, WebRequest request) {
        return problem(e.problem(), e.getMessage(), request);
    }

    @ExceptionHandler(RequestTooLarge.class)
    ResponseEntity<Object> tooLarge(RequestTooLarge e, WebRequest request) {
        return problem(Problem.PAYLOAD_TOO_LARGE, e.getMessage(), request);
    }

    @ExceptionHandler(UnreadableForm.class)
    ResponseEntity<Object> unreadableForm(UnreadableForm e, WebRequest request) {
        return e.tooLarge() ? problem(Problem.PAYLOAD_TOO_LARGE, e.getMessage(), request)
                : problem(Problem.MALFORMED_REQUEST, "the multipart body could not be read: " + e.getMessage(), request);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e, WebRequest request) {
        log.info("refused by a database constraint: {}", constraintOf(e));
        return problem(Problem.CONFLICT, "the change conflicts with the records as they are now "
                + "(for example, someone else recorded the same thing a moment ago); reload and try again", request);
    }

    /**
     * Which constraint refused the change: the first line of the database's message, which names the table and the
     * constraint; never its detail, which quotes the values (a patient's alias, for one) and must not reach the log.
     */
    static String constraintOf(DataIntegrityViolationException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        int detail = message.indexOf('\n');
        return detail < 0 ? message : message.substring(0, detail);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> concurrentChange(OptimisticLockingFailureException e, WebRequest request) {
        return problem(Problem.CONCURRENT_CHANGE, "the record was changed by someone else meanwhile; reload and "
                + "try again", request);
    }

    /** The identity provider did not answer when a token was to be checked ({@code IdentityProviderOutage}). */
    @ExceptionHandler(AuthenticationServiceException.class)
    ResponseEntity<Object> identityProviderUnavailable(AuthenticationServiceException e, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        ProblemDetail problem = Problem.UNAVAILABLE.detail("the identity provider cannot be reached to check the "
                + "token; nothing was done: try again shortly");
        return handleExceptionInternal(e, withRequestId(problem, request), headers,
                HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException e, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        ProblemDetail problem = Problem.UNAUTHENTICATED.detail("a valid bearer token is required");
        return handleExceptionInternal(e, withRequestId(problem, request), headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e, WebRequest request) {
        return problem(Problem.FORBIDDEN, "your role does not allow this request", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> defect(Exception e, WebRequest request) {
        log.error("unexpected failure", e);
        return problem(Problem.INTERNAL_ERROR, "an unexpected error occurred; it has been logged", request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problem.INVALID_REQUEST.detail("the request body has invalid fields");
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList());
        return respond(problem, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLarge tooLarge) {
                return tooLarge(tooLarge, request);
            }
        }
        return problem(Problem.MALFORMED_REQUEST, "the request body could not be read as the expected JSON: "
                + whatIsWrongWith(e), request);
    }

    /**
     * What is wrong with an unreadable body, in the client's terms: the field and the fault, never the server's
     * class or method names that the parser's and Spring's own messages carry.
     */
    private static String whatIsWrongWith(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return "unknown field \"" + fieldOf(unknown) + "\"" + (unknown.getKnownPropertyIds() == null ? ""
                        : "; the fields here are " + unknown.getKnownPropertyIds().stream().map(String::valueOf)
                                .sorted().map(name -> "\"" + name + "\"").collect(Collectors.joining(", ")));
            }
            if (cause instanceof MismatchedInputException mismatch) {
                String field = fieldOf(mismatch);
                Class<?> target = mismatch.getTargetType();
                String accepted = target != null && target.isEnum()
                        ? "; it must be one of " + Arrays.stream(target.getEnumConstants()).map(String::valueOf)
                                .collect(Collectors.joining(", "))
                        : "";
                return field.isEmpty() ? "the body does not have the expected shape"
                        : "field \"" + field + "\" is not of the expected type" + accepted;
            }
            if (cause instanceof JacksonException malformed) {
                TokenStreamLocation at = malformed.getLocation();
                return "it is not well-formed JSON" + (at == null || at.getLineNr() < 0 ? ""
                        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
            }
        }
        return "it is missing or is not JSON";
    }

    /** The JSON path to the field at fault, such as "preferences[2]" or "scopes[0]". */
    private static String fieldOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference step : e.getPath()) {
            if (step.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body == null && e instanceof ErrorResponse framework) {
            // Spring's own exceptions carry their problem; the base class would fill it in only after this
            body = framework.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        // Spring's own problems come untyped: no type at all (Spring 7), or the generic "about:blank"
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || problem.getType().toString().equals("about:blank"))) {
            Problem kind = kindOf(e);
            problem.setType(kind.type());
            problem.setTitle(kind.title());
            if (e instanceof TypeMismatchException mismatch) {
                problem.setDetail(whatIsWrongWith(mismatch));
            }
            withRequestId(problem, request);
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    /** What is wrong with a path or query value, without echoing all of it or naming the server's types. */
    private static String whatIsWrongWith(TypeMismatchException e) {
        String name = "\"" + (e instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : String.valueOf(e.getPropertyName())) + "\"";
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainViolation violation) {
                return "parameter " + name + ": " + violation.getMessage();
            }
        }
        Class<?> type = e.getRequiredType();
        if (type != null && type.isEnum()) {
            return "parameter " + name + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(String::valueOf).collect(Collectors.joining(", "));
        }
        return "parameter " + name + " is not of the expected form";
    }

    private static Problem kindOf(Exception e) {
        return switch (e) {
            case HttpMediaTypeNotSupportedException ignored -> Problem.UNSUPPORTED_MEDIA_TYPE;
            case HttpMediaTypeNotAcceptableException ignored -> Problem.NOT_ACCEPTABLE;
            case HttpRequestMethodNotSupportedException ignored -> Problem.METHOD_NOT_ALLOWED;
            case NoResourceFoundException ignored -> Problem.NOT_FOUND;
            case TypeMismatchException ignored -> Problem.INVALID_PARAMETER;
            case MissingServletRequestParameterException ignored -> Problem.INVALID_PARAMETER;
            case MissingRequestHeaderException ignored -> Problem.INVALID_PARAMETER;
            case HandlerMethodValidationException ignored -> Problem.INVALID_PARAMETER;
            case MissingServletRequestPartException ignored -> Problem.INVALID_REQUEST;
            case MaxUploadSizeExceededException ignored -> Problem.PAYLOAD_TOO_LARGE;
            default -> Problem.MALFORMED_REQUEST;
        };
    }

    private ResponseEntity<Object> problem(Problem kind, String detail, WebRequest request) {
        return respond(kind.detail(detail), request);
    }

    private ResponseEntity<Object> respond(ProblemDetail problem, WebRequest request) {
        return handleExceptionInternal(new ProblemException(), withRequestId(problem, request), new HttpHeaders(),
                HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    private static ProblemDetail withRequestId(ProblemDetail problem, WebRequest request) {
        Object servlet = request.resolveReference(WebRequest.REFERENCE_REQUEST);
        if (servlet instanceof HttpServletRequest http && RequestIds.of(http) != null) {
            problem.setProperty("requestId", RequestIds.of(http));
        }
        return problem;
    }

    /** Stands for the exception already turned into a problem, for the base class's bookkeeping. */
    private static final class ProblemException extends Exception {
        ProblemException() {
            super(null, null, false, false);
        }
    }
}
