package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.NotFound;
import org.eecs.application.port.in.NotPermitted;
import org.eecs.application.port.in.VersionConflict;
import org.eecs.domain.DomainViolation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error under {@code /fhir} is an OperationOutcome with the status FHIR expects: 400 for a request we do not
 * understand (an unknown search parameter, JSON that is not a FHIR resource), 401 and 403 for refused callers, 404
 * for a resource that does not exist (or that the caller may not see), 405, 406 and 415 for the wrong method,
 * format or content type, 409 when the records changed meanwhile, 412 when {@code If-Match} names a version that is
 * no longer current, 422 when the care domain refuses a value, 500 for a defect of ours. It comes first among the
 * resolvers, so it also answers the refusals of the security rules and failures before any handler was chosen.
 */
class FhirErrors implements HandlerExceptionResolver {

    static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";
    private static final Logger log = LoggerFactory.getLogger(FhirErrors.class);

    private final FhirContext fhir;

    FhirErrors(FhirContext fhir) {
        this.fhir = fhir;
    }

    static boolean isFhir(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/fhir") || path.startsWith("/fhir/");
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception e) {
        if (!isFhir(request) || response.isCommitted()) {
            return null;
        }
        Answer answer = answerTo(e);
        if (answer.status() >= 500 && answer.issue() != IssueType.TRANSIENT) {
            log.error("unexpected failure of a FHIR request", e);
        }
        try {
            response.resetBuffer();
            response.setStatus(answer.status());
            if (answer.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            if (answer.issue() == IssueType.TRANSIENT) {
                // an outage, already logged where it was met: the client is told when to try again, as on the API
                response.setHeader("Retry-After", "5");
            }
            response.setContentType(FHIR_JSON);
            byte[] body = fhir.newJsonParser().encodeResourceToString(outcome(answer.issue(), answer.message()))
                    .getBytes(StandardCharsets.UTF_8);
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException failedToAnswer) {
            log.info("could not answer a failed FHIR request: {}", failedToAnswer.getMessage());
        }
        return new ModelAndView();
    }

    static OperationOutcome outcome(IssueType type, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        return outcome;
    }

    private record Answer(int status, IssueType issue, String message) {
    }

    /** The database out of reach (down, restarting, the pool without a connection): nothing was done. */
    private static Answer databaseUnreachable() {
        return new Answer(503, IssueType.TRANSIENT,
                "the records cannot be reached just now; nothing of this request was kept: send it again shortly");
    }

    private static Answer answerTo(Exception e) {
        return switch (e) {
            case FhirRequestProblem problem -> new Answer(problem.status(), problem.issue(), problem.getMessage());
            case InvalidParameterException unreadable -> new Answer(400, IssueType.INVALID,
                    "the query string could not be read: each parameter is name=value, names not empty");
            case NotFound unknown -> new Answer(404, IssueType.NOTFOUND, unknown.getMessage());
            case NotPermitted refused -> new Answer(403, IssueType.FORBIDDEN, refused.getMessage());
            case AuthenticationServiceException unchecked -> new Answer(503, IssueType.TRANSIENT,
                    "the identity provider cannot be reached to check the token; try again shortly");
            case CannotCreateTransactionException unreachable -> databaseUnreachable();
            case DataAccessResourceFailureException unreachable -> databaseUnreachable();
            case AccessDeniedException refused ->
                    new Answer(403, IssueType.FORBIDDEN, "your role does not allow this request");
            case AuthenticationException refused ->
                    new Answer(401, IssueType.LOGIN, "a valid bearer token is required");
            case VersionConflict conflict -> new Answer(412, IssueType.CONFLICT, conflict.getMessage());
            case Conflict conflict -> new Answer(409, conflict.kind().equals("identifier-in-use")
                    ? IssueType.DUPLICATE : IssueType.CONFLICT, conflict.getMessage());
            case DataIntegrityViolationException ignored -> new Answer(409, IssueType.CONFLICT,
                    "the change conflicts with the records as they are now (for example, someone else recorded the "
                            + "same thing a moment ago); read again and retry");
            case OptimisticLockingFailureException ignored -> new Answer(409, IssueType.CONFLICT,
                    "the record was changed by someone else meanwhile; read it again and retry");
            case DomainViolation refused -> new Answer(422, IssueType.BUSINESSRULE, refused.getMessage());
            case InvalidRequest invalid -> new Answer(400, IssueType.INVALID, invalid.getMessage());
            case DataFormatException malformed -> new Answer(400, IssueType.STRUCTURE,
                    "the body is not a FHIR R4 resource in JSON: " + malformed.getMessage());
            case HttpMessageNotReadableException ignored ->
                    new Answer(400, IssueType.STRUCTURE, "the request has no readable body");
            case HttpMediaTypeNotSupportedException ignored -> new Answer(415, IssueType.NOTSUPPORTED,
                    "send resources as application/fhir+json");
            case HttpMediaTypeNotAcceptableException ignored -> new Answer(406, IssueType.NOTSUPPORTED,
                    "this server answers in application/fhir+json only");
            case HttpRequestMethodNotSupportedException method -> new Answer(405, IssueType.NOTSUPPORTED,
                    method.getMethod() + " is not supported here");
            case NoResourceFoundException ignored ->
                    new Answer(404, IssueType.NOTFOUND, "no such resource type or operation on this server");
            case MissingRequestHeaderException missing ->
                    new Answer(400, IssueType.REQUIRED, "the header " + missing.getHeaderName() + " is required");
            case MissingServletRequestParameterException missing -> new Answer(400, IssueType.REQUIRED,
                    "the parameter " + missing.getParameterName() + " is required");
            case MethodArgumentTypeMismatchException mismatch ->
                    new Answer(400, IssueType.VALUE, "the value of " + mismatch.getName() + " is not of the right form");
            // the request-size limit of the web adapter (its own type is not visible here)
            case IOException tooLarge when tooLarge.getClass().getSimpleName().equals("RequestTooLarge") ->
                    new Answer(413, IssueType.TOOCOSTLY, tooLarge.getMessage());
            default -> new Answer(500, IssueType.EXCEPTION, "an unexpected error occurred; it has been logged");
        };
    }
}
