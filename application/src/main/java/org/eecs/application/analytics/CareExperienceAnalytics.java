package org.eecs.application.analytics;

import java.time.Clock;
import java.time.Year;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ReportingCareExperience;
import org.eecs.application.port.out.RatedSessions;
import org.eecs.application.port.out.RatedSessions.Criteria;
import org.eecs.application.port.out.RatedSessions.RatedSessionFacts;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.analytics.CareExperienceFigures;
import org.eecs.domain.analytics.DominantEmotion;
import org.eecs.domain.analytics.RatedSession;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.ClinicianId;

/**
 * Computes care-experience reports. A clinician's report counts only the patients whose care team includes them;
 * an administrator's counts every patient but, like every report, holds aggregates only. Days are the hospital's
 * (the clock's zone); a patient's age group is the one of the year the session started in. Each report is audited as
 * a read of the report, naming the query and no patient; a caller of another role is refused and audited.
 */
public final class CareExperienceAnalytics implements ReportingCareExperience {

    static final String ENTITY_TYPE = "CareExperienceReport";

    private final RatedSessions ratedSessions;
    private final CareRecordAccess access;
    private final Transactions transactions;
    private final Clock clock;

    public CareExperienceAnalytics(RatedSessions ratedSessions, CareRecordAccess access, Transactions transactions,
                                   Clock clock) {
        this.ratedSessions = ratedSessions;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public CareExperienceReport report(Caller caller, ReportQuery query) {
        EntityRef report = new EntityRef(ENTITY_TYPE, shortened(query.describe()));
        if (!caller.actsAs(Role.ADMIN)) {
            access.requireRole(caller, Role.CLINICIAN, AuditAction.READ, report);
        }
        Set<ClinicianId> careTeamIncludes = new HashSet<>();
        if (caller.actsAs(Role.CLINICIAN)) {
            careTeamIncludes.add(caller.clinician());
        }
        if (query.careTeamMember() != null) {
            careTeamIncludes.add(query.careTeamMember());
        }
        ZonedDateTime firstDay = query.from().atStartOfDay(clock.getZone());
        ZonedDateTime dayAfterLast = query.to().plusDays(1).atStartOfDay(clock.getZone());
        Criteria criteria = new Criteria(new TimeWindow(firstDay.toInstant(), dayAfterLast.toInstant()),
                careTeamIncludes, query.robot(), query.emotionInput());
        String scope = caller.actsAs(Role.CLINICIAN) ? "the care teams of " + caller.actor().id() : "all care teams";
        return transactions.inOne(() -> {
            List<RatedSession> sessions = ratedSessions.matching(criteria).stream().map(this::counted).toList();
            access.record(caller, AuditAction.READ, report, null);
            return new CareExperienceReport(query, scope, clock.instant(), CareExperienceFigures.of(sessions));
        });
    }

    private RatedSession counted(RatedSessionFacts facts) {
        Year year = Year.from(facts.startedAt().atZone(clock.getZone()));
        return new RatedSession(facts.score(), facts.gender(), AgeGroup.at(facts.birthYear(), year),
                facts.emotionInput(), DominantEmotion.of(facts.meanFusedProbabilities()));
    }

    private static String shortened(String text) {
        return text.length() <= EntityRef.MAX_ID_LENGTH ? text : text.substring(0, EntityRef.MAX_ID_LENGTH - 3) + "...";
    }
}
