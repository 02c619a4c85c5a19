package org.eecs.adapter.in.web;

import jakarta.servlet.http.HttpServletRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is calling, as the use cases and the audit trail need to know it. */
@Component
public class Callers {

    static final String PURPOSE_HEADER = "X-Purpose-Of-Use";

    private final HttpServletRequest request;

    Callers(HttpServletRequest request) {
        this.request = request;
    }

    /** The authenticated caller acting in the given role (the security rules have already checked they hold it). */
    Caller as(Role role) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return of(request, new Actor(authentication.getName(), role));
    }

    /** The caller in the role they hold among those given, the first that matches. */
    Caller asAnyOf(Role... roles) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        for (Role role : roles) {
            if (authentication.getAuthorities().stream()
                    .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + role.name()))) {
                return as(role);
            }
        }
        throw new IllegalStateException("the security rules let through a caller without any of the roles");
    }

    /** The caller of this request as the given actor. */
    public static Caller of(HttpServletRequest request, Actor actor) {
        String purpose = request.getHeader(PURPOSE_HEADER) == null ? "" : request.getHeader(PURPOSE_HEADER).strip();
        return new Caller(actor, request.getRemoteAddr(), RequestIds.of(request),
                purpose.isEmpty() ? null : purpose.substring(0, Math.min(purpose.length(), 255)));
    }
}
