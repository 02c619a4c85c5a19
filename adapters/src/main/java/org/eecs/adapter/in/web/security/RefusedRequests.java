package org.eecs.adapter.in.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eecs.adapter.in.web.Callers;
import org.eecs.application.port.in.RecordingRefusedAccess;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers requests the security rules turn away (401 without a valid token, 403 with the wrong role) as
 * RFC 7807 problems, and audits each one made on the API or the metrics as a refused access: who (or "anonymous")
 * in which role (monitoring included), what, which record and, where the path names one, which patient.
 */
@Component
class RefusedRequests implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final String METRICS = "/actuator/prometheus";
    private static final Pattern RECORD = Pattern.compile("^/api/v1/([a-z-]+)(?:/([^/]+))?");
    /** Starting, completing or cancelling a session is a POST that changes it. */
    private static final Pattern SESSION_TRANSITION = Pattern.compile("^/api/v1/sessions/[^/]+/(start|complete|cancel)$");
    /** A FHIR resource (docs/fhir.md): its type, and its id unless the path names an operation. */
    private static final Pattern FHIR_RECORD = Pattern.compile("^/fhir/([A-Z][A-Za-z]{1,40})(?:/([^/$_][^/]*))?");
    private static final Map<String, String> ENTITY_OF_COLLECTION = Map.of(
            "patients", "Patient", "sessions", "CareSession", "robots", "Robot", "admin", "Configuration");

    private final RecordingRefusedAccess audit;
    private final HandlerExceptionResolver problems;

    RefusedRequests(RecordingRefusedAccess audit,
                    @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.audit = audit;
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refusal) {
        record(request, new Actor("anonymous", Role.ANONYMOUS));
        problems.resolveException(request, response, null, refusal);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        record(request, authentication instanceof AbstractAuthenticationToken token && token.isAuthenticated()
                ? new Actor(token.getName(), roleOf(token)) : new Actor("anonymous", Role.ANONYMOUS));
        problems.resolveException(request, response, null, refusal);
    }

    private void record(HttpServletRequest request, Actor actor) {
        if (request.getRequestURI().equals(METRICS)) {
            // a scrape refused: a monitoring client misconfigured, or someone else after the metrics
            audit.refused(Callers.of(request, actor), AuditAction.READ, new EntityRef("Metrics", "prometheus"), null);
            return;
        }
        if (request.getRequestURI().startsWith("/fhir/")) {
            recordFhir(request, actor);
            return;
        }
        Matcher path = RECORD.matcher(request.getRequestURI());
        if (!path.find()) {
            return;
        }
        String collection = path.group(1);
        String id = path.group(2);
        String type = ENTITY_OF_COLLECTION.getOrDefault(collection, "ApiResource");
        PatientId patient = "patients".equals(collection) ? patientIn(id).orElse(null) : null;
        String entityId = id == null || id.length() > EntityRef.MAX_ID_LENGTH ? collection : id;
        AuditAction action = SESSION_TRANSITION.matcher(request.getRequestURI()).matches()
                ? AuditAction.UPDATE : actionOf(request.getMethod());
        audit.refused(Callers.of(request, actor), action, new EntityRef(type, entityId), patient);
    }

    private void recordFhir(HttpServletRequest request, Actor actor) {
        Matcher path = FHIR_RECORD.matcher(request.getRequestURI());
        EntityRef entity;
        PatientId patient = null;
        if (path.find()) {
            String id = path.group(2);
            entity = new EntityRef(path.group(1),
                    id == null || id.length() > EntityRef.MAX_ID_LENGTH ? path.group(1) : id);
            patient = "Patient".equals(path.group(1)) ? patientIn(id).orElse(null) : null;
        } else if (request.getRequestURI().contains("$export")) {
            entity = new EntityRef("BulkExport", "export");
        } else {
            return;
        }
        audit.refused(Callers.of(request, actor), actionOf(request.getMethod()), entity, patient);
    }

    private static Optional<PatientId> patientIn(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(PatientId.of(id));
        } catch (DomainViolation notAnId) {
            return Optional.empty();
        }
    }

    /** The role an authenticated caller holds, for the record; the first of ours they have. */
    private static Role roleOf(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(authority -> authority.getAuthority().replaceFirst("^ROLE_", ""))
                .flatMap(name -> {
                    try {
                        return Stream.of(Role.valueOf(name.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException notOurs) {
                        return Stream.empty();
                    }
                })
                .filter(role -> role != Role.SYSTEM && role != Role.ANONYMOUS)
                .findFirst()
                .orElse(Role.ANONYMOUS);
    }

    private static AuditAction actionOf(String method) {
        return switch (method) {
            case "GET", "HEAD" -> AuditAction.READ;
            case "POST" -> AuditAction.CREATE;
            case "PUT", "PATCH" -> AuditAction.UPDATE;
            case "DELETE" -> AuditAction.DELETE;
            default -> AuditAction.EXECUTE;
        };
    }
}
