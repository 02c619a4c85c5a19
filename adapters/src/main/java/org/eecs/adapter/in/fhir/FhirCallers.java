package org.eecs.adapter.in.fhir;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eecs.application.port.in.Caller;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who calls a FHIR endpoint, as the use cases and the audit trail need to know it: the token's identity in the
 * first of the given roles they hold (the security rules have let only such callers through), their address, the
 * request's id (set and echoed by the request-id filter before anything else runs) and the declared purpose.
 */
final class FhirCallers {

    static final String PURPOSE_HEADER = "X-Purpose-Of-Use";
    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private FhirCallers() {
    }

    static Caller of(HttpServletRequest request, HttpServletResponse response, Role... roles) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        for (Role role : roles) {
            if (authentication.getAuthorities().stream()
                    .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + role.name()))) {
                String purpose = request.getHeader(PURPOSE_HEADER) == null ? "" : request.getHeader(PURPOSE_HEADER).strip();
                return new Caller(new Actor(authentication.getName(), role), request.getRemoteAddr(),
                        response.getHeader(REQUEST_ID_HEADER),
                        purpose.isEmpty() ? null : purpose.substring(0, Math.min(purpose.length(), 255)));
            }
        }
        throw new IllegalStateException("the security rules let through a caller without any of the roles");
    }
}
