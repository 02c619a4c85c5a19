package org.eecs.robot.backend;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * An RFC 7807 problem from the robot API (docs/robot-protocol.md), over HTTP or in a turn stream's {@code problem}
 * message, and what it means for the robot's turn.
 *
 * @param kind       the problem type without {@code urn:eecs:problem:}, e.g. {@code session-not-in-progress}
 * @param retryAfter the backend's {@code Retry-After}, or null
 */
record ApiProblem(int status, String kind, String detail, String state, String endReason, Duration retryAfter) {

    private static final String TYPE_PREFIX = "urn:eecs:problem:";

    /** From a problem's JSON; {@code status} when the body gives none (or is not a problem at all). */
    static ApiProblem of(JsonNode problem, int status, Duration retryAfter) {
        String type = problem.path("type").asString("");
        return new ApiProblem(problem.path("status").asInt(status),
                type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type,
                problem.path("detail").asString(problem.path("title").asString("")),
                text(problem.path("state")), text(problem.path("endReason")), retryAfter);
    }

    /**
     * What the problem means for a turn: the session is over for this robot (409 not in progress; 404 no longer its
     * session), no listening until consent is given again (409 consent-required), worth another try with the same key (503, another 5xx, the key's first
     * request still being answered), or a turn the backend will never take (400, 413, 422).
     */
    TurnOutcome forTurn() {
        return switch (kind) {
            case "session-not-in-progress" -> new TurnOutcome.SessionOver("the session is " + state
                    + (endReason == null ? "" : " (" + endReason + ")"));
            case "consent-required" -> new TurnOutcome.ConsentRequired(detail);
            case "not-found" -> new TurnOutcome.SessionOver("the session is not this robot's any more: " + detail);
            case "idempotency-key-in-use" -> throw unreachable();
            default -> {
                if (status >= 500) {
                    throw unreachable();
                }
                if (status == 401 || status == 403) {
                    throw refused();
                }
                yield new TurnOutcome.Refused(this.toString());
            }
        };
    }

    BackendUnreachable unreachable() {
        return new BackendUnreachable("the backend answered " + this, retryAfter);
    }

    BackendRefused refused() {
        return new BackendRefused("the backend refuses this robot: " + this + " (check the robot's client in "
                + "Keycloak, its role robot, and the backend's issuer and audience; docs/security.md)");
    }

    @Override
    public String toString() {
        return status + " " + (kind.isEmpty() ? "" : kind + ": ") + detail;
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }
}
