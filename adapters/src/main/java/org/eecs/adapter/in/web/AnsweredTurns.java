package org.eecs.adapter.in.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.OutputStream;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ConversingWithPatients;
import org.eecs.application.port.in.ConversingWithPatients.TurnAnswer;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.eecs.domain.turn.RetryKey;
import org.eecs.domain.turn.TurnId;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of care turns taken under an {@code Idempotency-Key}, remembered by reference: the key's claim is
 * handed to the turn as the robot's {@link RetryKey}, the turn answers it in its own record (the key keeps the turn's
 * id), the robot API marks the request answered by the turn, and a retry gets the answer prepared again from the
 * turn's record ({@link ConversingWithPatients#answerAgain}) rather than a stored copy of about 200 KB.
 */
@Component
class AnsweredTurns {

    private static final String ANSWERED_BY = AnsweredTurns.class.getName() + ".turn";
    private static final String RETRY_KEY = AnsweredTurns.class.getName() + ".key";

    private final ConversingWithPatients conversation;
    private final JsonMapper json;

    AnsweredTurns(ConversingWithPatients conversation, JsonMapper json) {
        this.conversation = conversation;
        this.json = json;
    }

    /** This request's key is claimed: a turn taken for it answers the key when it is recorded. */
    static void claimed(HttpServletRequest request, RetryKey key) {
        request.setAttribute(RETRY_KEY, key);
    }

    /** The robot's retry key of this request, if it was sent with one (and claimed). */
    static Optional<RetryKey> retryKeyOf(HttpServletRequest request) {
        return Optional.ofNullable((RetryKey) request.getAttribute(RETRY_KEY));
    }

    /** This request was answered by this turn, and its key, if any, in the turn's record. */
    static TurnAnswer mark(HttpServletRequest request, TurnAnswer answer) {
        request.setAttribute(ANSWERED_BY, answer.turn().id().value());
        return answer;
    }

    /** The turn that answered this request, if a turn did. */
    static UUID answeredBy(HttpServletRequest request) {
        return (UUID) request.getAttribute(ANSWERED_BY);
    }

    /** The answer of the robot's turn, prepared again (what may fail: the record read, the performance prepared). */
    TurnAnswer again(HttpServletRequest request, String robot, UUID turn) {
        return again(Callers.of(request, new Actor(robot, Role.ROBOT)), turn);
    }

    /** A turn's answer as the robot API's JSON, written as it is serialised. */
    void writeAsJson(TurnAnswer answer, OutputStream to) {
        json.writeValue(to, RobotApiController.TurnAnswerJson.of(answer));
    }

    TurnAnswer again(Caller robot, UUID turn) {
        return conversation.answerAgain(robot, new TurnId(turn));
    }
}
