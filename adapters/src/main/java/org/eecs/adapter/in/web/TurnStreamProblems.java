package org.eecs.adapter.in.web;

import java.net.URI;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.NotFound;
import org.eecs.application.port.in.SessionNotInProgress;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.domain.DomainViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The problems of a streamed turn, as {@link ProblemResponses} gives them over HTTP: the same types, statuses and
 * properties, for the exceptions a turn can meet.
 */
@Component
class TurnStreamProblems {

    private static final Logger log = LoggerFactory.getLogger(TurnStreamProblems.class);

    private final UnreachableDatabase unreachableDatabase;

    TurnStreamProblems(UnreachableDatabase unreachableDatabase) {
        this.unreachableDatabase = unreachableDatabase;
    }

    ProblemDetail of(RuntimeException failure, String requestId) {
        ProblemDetail problem = switch (failure) {
            case SessionNotInProgress notRunning -> {
                ProblemDetail conflict = typed(Problem.CONFLICT.detail(notRunning.getMessage()), notRunning.kind());
                conflict.setProperty("state", notRunning.state());
                conflict.setProperty("endReason", notRunning.endReason());
                yield conflict;
            }
            case Conflict conflict -> typed(Problem.CONFLICT.detail(conflict.getMessage()), conflict.kind());
            case NotFound notFound -> Problem.NOT_FOUND.detail(notFound.getMessage());
            case TranscribeSpeech.UnreadableAudio unreadable -> Problem.UNREADABLE_AUDIO.detail(
                    "the audio is not what this server can read: " + unreadable.getMessage());
            case InvalidRequest invalid -> Problem.INVALID_PARAMETER.detail(invalid.getMessage());
            case DomainViolation invalid -> Problem.INVALID_VALUE.detail(invalid.getMessage());
            case IdempotencyProblem idempotency -> idempotency.problem().detail(idempotency.getMessage());
            case DataAccessException database when unreachableDatabase.explains(database) -> unavailable();
            case TransactionException database when unreachableDatabase.explains(database) -> unavailable();
            default -> {
                log.error("unexpected failure of a streamed turn", failure);
                yield Problem.INTERNAL_ERROR.detail("an unexpected error occurred; it has been logged");
            }
        };
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    static ProblemDetail invalid(String detail) {
        return Problem.INVALID_REQUEST.detail(detail);
    }

    private static ProblemDetail unavailable() {
        return Problem.UNAVAILABLE.detail("the records cannot be reached just now; nothing of this turn was kept: "
                + "stream it again shortly");
    }

    private static ProblemDetail typed(ProblemDetail problem, String kind) {
        problem.setType(URI.create(Problem.TYPE_PREFIX + kind));
        return problem;
    }
}
