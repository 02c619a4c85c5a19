package org.eecs.adapter.in.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ConversingWithPatients;
import org.eecs.application.port.in.ConversingWithPatients.TurnAnswer;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.eecs.domain.turn.TurnId;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of care turns taken under an {@code Idempotency-Key}, remembered by reference: the robot API marks
 * a request answered by a turn, the key keeps the turn's id, and a retry gets the answer prepared again from the
 * turn's record ({@link ConversingWithPatients#answerAgain}) rather than a stored copy of about 200 KB.
 */
@Component
class AnsweredTurns {

    private static final String ANSWERED_BY = AnsweredTurns.class.getName() + ".turn";

    private final ConversingWithPatients conversation;
    private final JsonMapper json;

    AnsweredTurns(ConversingWithPatients conversation, JsonMapper json) {
        this.conversation = conversation;
        this.json = json;
    }

    /** This request was answered by this turn. */
    static TurnAnswer mark(HttpServletRequest request, TurnAnswer answer) {
        request.setAttribute(ANSWERED_BY, answer.turn().id().value());
        return answer;
    }

    /** The turn that answered this request, if a turn did. */
    static UUID answeredBy(HttpServletRequest request) {
        return (UUID) request.getAttribute(ANSWERED_BY);
    }

    /** The answer of the robot's turn, prepared again, as the robot API's JSON. */
    byte[] againAsJson(HttpServletRequest request, String robot, UUID turn) {
        return json.writeValueAsBytes(RobotApiController.TurnAnswerJson.of(again(
                Callers.of(request, new Actor(robot, Role.ROBOT)), turn)));
    }

    TurnAnswer again(Caller robot, UUID turn) {
        return conversation.answerAgain(robot, new TurnId(turn));
    }
}
