package org.eecs.application.port.in;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.eecs.application.port.InvalidRequest;
import org.eecs.domain.Require;
import org.eecs.domain.analytics.CareExperienceFigures;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.robot.RobotId;

/**
 * The care-experience report (the paper's Table I, and with versus without emotion input): mean rating with its 95%
 * confidence interval by emotion type, gender and age group, over a date range, for one robot or all, for the
 * patients of a care team or all. A clinician sees only their own care teams' patients; an administrator sees all,
 * as aggregates only. Small groups are suppressed (see {@link CareExperienceFigures}). Every report is audited.
 */
public interface ReportingCareExperience {

    CareExperienceReport report(Caller caller, ReportQuery query);

    /**
     * @param from           the first day, in the hospital's time zone, of the sessions counted (by their start)
     * @param to             the last day, included
     * @param robot          one robot's sessions only; null for every robot
     * @param careTeamMember only patients this clinician cares for; null for every patient the caller may count
     * @param emotionInput   only sessions with (true) or without (false) emotion input; null for both
     */
    record ReportQuery(LocalDate from, LocalDate to, RobotId robot, ClinicianId careTeamMember, Boolean emotionInput) {
        public ReportQuery {
            if (from == null || to == null) {
                throw new InvalidRequest("a report covers a range of days: give both its first and its last day");
            }
            if (to.isBefore(from)) {
                throw new InvalidRequest("a report's last day (" + to + ") cannot come before its first (" + from + ")");
            }
        }

        /** The query as one line, for the audit trail and the report's heading. */
        public String describe() {
            return "from " + from + " to " + to
                    + "; robot " + (robot == null ? "any" : robot.value())
                    + "; care team " + (careTeamMember == null ? "any" : "of " + careTeamMember.value())
                    + "; emotion input " + (emotionInput == null ? "with and without" : emotionInput ? "with" : "without");
        }
    }

    /**
     * @param query       what was asked
     * @param scope       whose patients were counted, in words ("the care teams of dr-li", "all care teams")
     * @param generatedAt when the figures were computed
     * @param figures     the figures, small groups suppressed
     */
    record CareExperienceReport(ReportQuery query, String scope, Instant generatedAt, CareExperienceFigures figures) {
        public CareExperienceReport {
            Objects.requireNonNull(query, "query");
            Require.text("scope", scope, 300);
            Objects.requireNonNull(generatedAt, "generatedAt");
            Objects.requireNonNull(figures, "figures");
        }
    }
}
