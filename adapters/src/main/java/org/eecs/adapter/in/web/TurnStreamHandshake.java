package org.eecs.adapter.in.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ConversingWithPatients;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.eecs.domain.session.CareSessionId;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets the upgrade through only into the robot's own running session: another robot's, or none, answers 404; one
 * that is not running 409, both as problems. The caller and the session go with the connection, whose messages no
 * longer carry the token.
 */
@Component
class TurnStreamHandshake implements HandshakeInterceptor {

    static final String CALLER = "eecs.caller";
    static final String SESSION = "eecs.session";

    private final ConversingWithPatients conversation;
    private final TurnStreamProblems problems;
    private final JsonMapper json;

    TurnStreamHandshake(ConversingWithPatients conversation, TurnStreamProblems problems, JsonMapper json) {
        this.conversation = conversation;
        this.problems = problems;
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        HttpServletRequest servlet = ((ServletServerHttpRequest) request).getServletRequest();
        Caller caller = Callers.of(servlet, new Actor(SecurityContextHolder.getContext().getAuthentication().getName(),
                Role.ROBOT));
        try {
            String[] path = servlet.getRequestURI().split("/");
            CareSessionId session = CareSessionId.of(path[path.length - 2]);
            conversation.runningSession(caller, session);
            attributes.put(CALLER, caller);
            attributes.put(SESSION, session);
            return true;
        } catch (RuntimeException refused) {
            ProblemDetail problem = problems.of(refused, RequestIds.of(servlet));
            response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(problem.getStatus()));
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            try {
                response.getBody().write(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException lost) {
                // the robot went away; nothing to tell it
            }
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception failure) {
    }
}
