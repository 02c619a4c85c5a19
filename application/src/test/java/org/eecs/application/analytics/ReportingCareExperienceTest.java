package org.eecs.application.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.eecs.application.testing.Hospital.admin;
import static org.eecs.application.testing.Hospital.caller;
import static org.eecs.application.testing.Hospital.clinician;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eecs.application.fakes.InMemoryRatedSessions;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.NotPermitted;
import org.eecs.application.port.in.ReportingCareExperience.CareExperienceReport;
import org.eecs.application.port.in.ReportingCareExperience.ReportQuery;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.analytics.CareExperienceFigures;
import org.eecs.domain.analytics.Dimension;
import org.eecs.domain.analytics.GroupResult;
import org.eecs.domain.analytics.GroupResult.Reported;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.Role;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.rating.LikertScore;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnId;
import org.junit.jupiter.api.Test;

class ReportingCareExperienceTest {

    /** The hospital is in Shanghai (UTC+8): its days start at 16:00 UTC the evening before. */
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2027-01-15T02:00:00Z");
    private static final Instant MARCH = Instant.parse("2026-03-10T02:00:00Z");
    private static final Caller DR_LI = clinician("dr-li");
    private static final Caller DR_WU = clinician("dr-wu");
    private static final ReportQuery FIRST_QUARTER = new ReportQuery(LocalDate.of(2026, 1, 1),
            LocalDate.of(2026, 3, 31), null, null, null);

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, SHANGHAI));
    private final CareExperienceAnalytics analytics = new CareExperienceAnalytics(
            new InMemoryRatedSessions(hospital.ratings, hospital.sessions, hospital.patients, hospital.careTeams,
                    hospital.turns),
            hospital.access, hospital.transactions, hospital.clock);
    private final Robot pepper = hospital.robot("pepper-1");
    private final Robot nao = hospital.robot("nao-2");
    private int slot;

    @Test
    void aClinicianCountsOnlyTheirCareTeamsPatients_anAdministratorCountsAll() {
        ratedSessions(5, DR_LI, pepper, 4);
        ratedSessions(5, DR_WU, pepper, 2);

        assertThat(mean(analytics.report(DR_LI, FIRST_QUARTER).figures().overall())).isEqualTo(4.0);
        assertThat(mean(analytics.report(DR_WU, FIRST_QUARTER).figures().overall())).isEqualTo(2.0);
        CareExperienceReport all = analytics.report(admin("root"), FIRST_QUARTER);
        assertThat(mean(all.figures().overall())).isEqualTo(3.0);
        assertThat(all.scope()).isEqualTo("all care teams");
        assertThat(analytics.report(DR_LI, FIRST_QUARTER).scope()).isEqualTo("the care teams of dr-li");
    }

    @Test
    void reportsNarrowToOneRobot_oneCareTeamMember_andWithOrWithoutEmotionInput() {
        ratedSessions(5, DR_LI, pepper, 5);
        ratedSessions(5, DR_LI, nao, 3);
        Caller admin = admin("root");

        assertThat(mean(analytics.report(admin, query(new RobotId("nao-2"), null, null)).figures().overall()))
                .isEqualTo(3.0);
        assertThat(mean(analytics.report(admin, query(null, new ClinicianId("dr-li"), null)).figures().overall()))
                .isEqualTo(4.0);
        assertThat(analytics.report(admin, query(null, new ClinicianId("dr-wu"), null)).figures().overall())
                .isInstanceOf(GroupResult.NoRatings.class);
        assertThat(analytics.report(admin, query(null, null, false)).figures().overall())
                .isInstanceOf(GroupResult.NoRatings.class);
        assertThat(mean(analytics.report(admin, query(null, null, true)).figures().overall())).isEqualTo(4.0);
    }

    @Test
    void daysAreTheHospitals_andTheLastDayIsIncluded() {
        // 31 March 15:59 UTC is 23:59 in Shanghai (in the range); 16:00 UTC is already 1 April there (outside)
        for (int i = 0; i < 5; i++) {
            rated(patient(DR_LI, Gender.FEMALE, 1990), pepper, Instant.parse("2026-03-31T15:59:00Z")
                    .minus(Duration.ofDays(i * 3L)), true, 5, List.of());
            rated(patient(DR_LI, Gender.FEMALE, 1990), pepper, Instant.parse("2026-03-31T16:00:00Z")
                    .plus(Duration.ofDays(i * 3L)), true, 1, List.of());
        }

        GroupResult overall = analytics.report(DR_LI, FIRST_QUARTER).figures().overall();

        assertThat(overall).isInstanceOfSatisfying(Reported.class, reported -> {
            assertThat(reported.summary().count()).isEqualTo(5);
            assertThat(reported.summary().mean()).isEqualTo(5.0);
        });
    }

    @Test
    void theAgeGroupIsTheOneOfTheYearOfTheSession_andTheEmotionTypeTheDominantFusedEmotion() {
        // born 2002: 24 in 2026, when the sessions ran (youth), though 25 now, in 2027, as the report is read
        for (int i = 0; i < 5; i++) {
            rated(patient(DR_LI, Gender.MALE, 2002), pepper, MARCH.plus(Duration.ofDays(i)), false, 3, List.of(
                    fused(Map.of("anxiety", 0.6, "sadness", 0.4)),
                    fused(Map.of("anxiety", 0.1, "sadness", 0.9))));
        }

        CareExperienceFigures figures = analytics.report(DR_LI, FIRST_QUARTER).figures();

        assertThat(reportedKeys(figures, Dimension.AGE_GROUP)).containsExactly("YOUTH");
        assertThat(reportedKeys(figures, Dimension.EMOTION_TYPE)).containsExactly("SADNESS");
        assertThat(reportedKeys(figures, Dimension.GENDER)).containsExactly("MALE");
        assertThat(reportedKeys(figures, Dimension.EMOTION_INPUT)).containsExactly("WITHOUT");
    }

    @Test
    void sessionsWithoutAnyFusedObservation_formTheirOwnGroup() {
        ratedSessions(5, DR_LI, pepper, 4);

        CareExperienceFigures figures = analytics.report(DR_LI, FIRST_QUARTER).figures();

        assertThat(reportedKeys(figures, Dimension.EMOTION_TYPE)).containsExactly("NONE");
    }

    @Test
    void everyReportIsAuditedAsARead_namingTheQueryAndNoPatient() {
        ratedSessions(5, DR_LI, pepper, 4);
        int before = hospital.audited().size();

        analytics.report(DR_LI, query(new RobotId("pepper-1"), null, true));

        assertThat(hospital.audited()).hasSize(before + 1);
        AuditEvent event = hospital.audited().getLast();
        assertThat(event.actor()).isEqualTo(DR_LI.actor());
        assertThat(event.action()).isEqualTo(AuditAction.READ);
        assertThat(event.entity().type()).isEqualTo("CareExperienceReport");
        assertThat(event.entity().id()).isEqualTo(
                "from 2026-01-01 to 2026-03-31; robot pepper-1; care team any; emotion input with");
        assertThat(event.patient()).isNull();
        assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
    }

    @Test
    void anAuditorOrARobotIsRefused_andTheRefusalAudited() {
        for (Caller refused : List.of(caller("aud-1", Role.AUDITOR), caller("pepper-1", Role.ROBOT))) {
            assertThatThrownBy(() -> analytics.report(refused, FIRST_QUARTER)).isInstanceOf(NotPermitted.class);

            AuditEvent event = hospital.audited().getLast();
            assertThat(event.actor()).isEqualTo(refused.actor());
            assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(event.entity().type()).isEqualTo("CareExperienceReport");
        }
    }

    @Test
    void aRangeThatEndsBeforeItStarts_orHasNoEnd_isTheCallersMistake() {
        assertThatThrownBy(() -> new ReportQuery(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 1, 1), null, null,
                null)).isInstanceOf(InvalidRequest.class).hasMessageContaining("cannot come before");
        assertThatThrownBy(() -> new ReportQuery(LocalDate.of(2026, 3, 31), null, null, null, null))
                .isInstanceOf(InvalidRequest.class);
    }

    @Test
    void theFiguresAreStatedWhenTheyWereComputed() {
        assertThat(analytics.report(DR_LI, FIRST_QUARTER).generatedAt()).isEqualTo(NOW);
    }

    private static ReportQuery query(RobotId robot, ClinicianId member, Boolean emotionInput) {
        return new ReportQuery(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), robot, member, emotionInput);
    }

    private static double mean(GroupResult result) {
        return ((Reported) result).summary().mean();
    }

    private static List<String> reportedKeys(CareExperienceFigures figures, Dimension dimension) {
        return figures.groups(dimension).stream().filter(Reported.class::isInstance)
                .map(result -> result.group().key()).toList();
    }

    private void ratedSessions(int count, Caller clinician, Robot robot, int score) {
        for (int i = 0; i < count; i++) {
            rated(patient(clinician, Gender.UNDISCLOSED, 1980), robot, MARCH.plus(Duration.ofHours(2L * slot++)),
                    true, score, List.of());
        }
    }

    private Patient patient(Caller clinician, Gender gender, int birthYear) {
        Patient patient = Patient.register("P" + slot++, birthYear, gender, "en", Preferences.none());
        hospital.patients.save(patient);
        hospital.careTeams.add(patient.id(), clinician.clinician());
        return patient;
    }

    private void rated(Patient patient, Robot robot, Instant start, boolean emotionInput, int score,
                       List<EmotionObservation> fusedPerTurn) {
        CareSession session = hospital.stored(CareSession.schedule(patient.id(), robot.id(),
                        TimeWindow.of(start, Duration.ofHours(1)), "ease worries", emotionInput)
                .start(start).complete(start.plus(Duration.ofMinutes(30))));
        List<Turn> turns = new ArrayList<>();
        for (EmotionObservation observation : fusedPerTurn) {
            turns.add(new Turn(TurnId.newId(), session.id(), turns.size() + 1, start.plusSeconds(turns.size() * 30L),
                    "I am worried", List.of(observation),
                    new CareResponse("I am here with you.", Tone.CALM, FacialExpression.WARM_GAZE, Motion.NOD),
                    !emotionInput, StageLatencies.none(),
                    new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "abc123", Optional.empty()),
                    Optional.empty(), Optional.empty()));
        }
        turns.forEach(hospital.turns::save);
        hospital.ratings.save(new CareExperienceRating(session.id(), new LikertScore(score),
                start.plus(Duration.ofHours(1)), null));
    }

    private static EmotionObservation fused(Map<String, Double> probabilities) {
        return new EmotionObservation(Modality.FUSED, new EmotionDistribution(probabilities), 0.8,
                new ModelRef("eecs-care-state-fusion", "1"), TimeWindow.of(MARCH, Duration.ofSeconds(5)));
    }
}
