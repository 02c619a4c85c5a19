package org.eecs.adapter.in.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any text as the JSON body of any of the API's requests, read as Spring reads it (unknown fields, nulls for
 * primitives and trailing tokens refused, as application.yaml sets): a body, validated; or a malformed-request
 * problem whose detail was worked out without failing. Nothing else may escape (a 500).
 */
class JsonBodiesFuzzTest {

    private static final List<Class<?>> BODIES = List.of(PatientController.NewPatient.class,
            PatientController.PreferencesJson.class, ConsentController.NewConsent.class,
            CareSessionController.NewSession.class, CareSessionController.Reason.class,
            SessionReviewController.NewNote.class, SessionReviewController.NewRating.class,
            EscalationController.Resolution.class, RobotController.RobotJson.class,
            RobotApiController.TextTurnJson.class, RobotApiController.BargeInJson.class,
            RobotApiController.UtteranceJson.class, AuditController.VerifyRange.class,
            AuditController.NewExport.class, AuditController.NewInteractionLog.class,
            AuditController.NewArchive.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final ProblemResponses PROBLEMS = new ProblemResponses(null);

    @FuzzTest(maxDuration = "3m")
    void anyBody_isReadAndValidated_orIsAMalformedRequest(FuzzedDataProvider data) {
        Class<?> type = data.pickValue(BODIES);
        String body = data.consumeRemainingAsString();
        try {
            Object read = JSON.readValue(body, type);
            if (read != null) {
                VALIDATOR.validate(read);
            }
        } catch (JacksonException malformed) {
            HttpMessageNotReadableException unreadable = new HttpMessageNotReadableException("unreadable", malformed,
                    new MockHttpInputMessage(new byte[0]));
            ResponseEntity<Object> problem = PROBLEMS.handleHttpMessageNotReadable(unreadable, new HttpHeaders(),
                    HttpStatus.BAD_REQUEST, new ServletWebRequest(new MockHttpServletRequest()));
            if (problem == null || problem.getStatusCode().value() != 400
                    || !(problem.getBody() instanceof ProblemDetail detail) || detail.getDetail() == null) {
                throw new AssertionError("an unreadable body must be a 400 problem, got " + problem);
            }
        }
    }
}
