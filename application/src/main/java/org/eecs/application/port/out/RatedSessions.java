package org.eecs.application.port.out;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eecs.domain.Require;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.rating.LikertScore;
import org.eecs.domain.robot.RobotId;

/**
 * The rated sessions that care-experience reports count, with what the report needs of each, aggregated over the
 * session's turns by the store: nothing that names the patient leaves it.
 */
public interface RatedSessions {

    /** Every rated session that matches all the criteria, in no particular order. */
    List<RatedSessionFacts> matching(Criteria criteria);

    /**
     * @param startedWithin    sessions that started in this window
     * @param careTeamIncludes only sessions of patients whose care team includes every one of these clinicians now;
     *                         empty for any
     * @param robot            only this robot's sessions; null for any
     * @param emotionInput     only sessions run with (true) or without (false) emotion input; null for both
     */
    record Criteria(TimeWindow startedWithin, Set<ClinicianId> careTeamIncludes, RobotId robot, Boolean emotionInput) {
        public Criteria {
            Require.present("startedWithin", startedWithin);
            careTeamIncludes = careTeamIncludes == null ? Set.of() : Set.copyOf(careTeamIncludes);
        }
    }

    /**
     * One rated session.
     *
     * @param meanFusedProbabilities every care state's mean probability over the session's fused observations (0 for
     *                               a state they do not list); empty when the session has none
     */
    record RatedSessionFacts(LikertScore score, Gender gender, int birthYear, Instant startedAt, boolean emotionInput,
                             Map<CareState, Double> meanFusedProbabilities) {
        public RatedSessionFacts {
            Require.present("score", score);
            Require.present("gender", gender);
            Require.present("startedAt", startedAt);
            Require.present("mean fused probabilities", meanFusedProbabilities);
            meanFusedProbabilities = meanFusedProbabilities.isEmpty() ? Map.of()
                    : new EnumMap<>(meanFusedProbabilities);
        }
    }
}
