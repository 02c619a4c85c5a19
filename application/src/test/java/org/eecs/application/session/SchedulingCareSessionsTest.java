package org.eecs.application.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.eecs.application.testing.Hospital.clinician;
import static org.eecs.application.testing.Hospital.robotCaller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.SchedulingCareSessions.ScheduleSession;
import org.eecs.application.port.in.SchedulingCareSessions.SessionFilter;
import org.eecs.application.port.in.NotPermitted;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.application.port.in.UnknownPatient;
import org.eecs.application.port.in.UnknownRobot;
import org.eecs.application.port.out.CareSessions.SessionCriteria;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.IllegalSessionTransition;
import org.eecs.domain.session.SessionState;
import org.junit.jupiter.api.Test;

class SchedulingCareSessionsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-25T02:15:30Z"); // 10:15:30 in Shanghai
    private static final Instant TOMORROW_TEN = Instant.parse("2026-11-26T02:00:00Z"); // 10:00 in Shanghai
    private static final Caller DR_LI = clinician("dr-li");
    private static final Caller DR_WU = clinician("dr-wu");
    private static final PageRequest FIRST_PAGE = new PageRequest(0, 20);

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, SHANGHAI));
    private final CareSessionDesk desk = new CareSessionDesk(hospital.sessions, hospital.robots, hospital.consents,
            hospital.access, hospital.transactions, hospital.clock);
    private final Patient robin = hospital.patientCaredForBy("Robin", DR_LI);
    private final Patient kim = hospital.patientCaredForBy("Kim", DR_WU);
    private final Robot pepper = hospital.robot("pepper-1");
    private final Robot nao = hospital.robot("nao-2");

    // scheduling

    @Test
    void aClinicianSchedulesASession_forACareTeamPatient_onARegisteredRobot() {
        CareSession session = desk.schedule(command(DR_LI, robin, pepper.id(), TOMORROW_TEN, Duration.ofMinutes(45)));

        assertThat(session.state()).isEqualTo(SessionState.SCHEDULED);
        assertThat(session.patient()).isEqualTo(robin.id());
        assertThat(session.robot()).isEqualTo(pepper.id());
        assertThat(session.window()).isEqualTo(TimeWindow.of(TOMORROW_TEN, Duration.ofMinutes(45)));
        assertThat(session.careGoal()).isEqualTo("talk about the garden");
        assertThat(session.emotionInput()).isTrue();
        assertThat(hospital.sessions.find(session.id())).contains(session);
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.CREATE);
            assertThat(event.entity()).isEqualTo(EntityRef.careSession(session.id()));
            assertThat(event.patient()).isEqualTo(robin.id());
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void aClinicianOutsideTheCareTeam_cannotSchedule_andTheRefusalIsAudited() {
        assertThatThrownBy(() -> desk.schedule(command(DR_WU, robin, pepper.id(), TOMORROW_TEN, Duration.ofHours(1))))
                .isInstanceOf(UnknownPatient.class);

        assertThat(allSessions()).isEmpty();
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.CREATE);
            assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(event.patient()).isEqualTo(robin.id());
        });
    }

    @Test
    void aRobotThatIsNotRegistered_isUnknownRobot_andNothingIsStored() {
        assertThatThrownBy(() -> desk.schedule(
                command(DR_LI, robin, new RobotId("ghost-9"), TOMORROW_TEN, Duration.ofHours(1))))
                .isInstanceOf(UnknownRobot.class);

        assertThat(allSessions()).isEmpty();
        assertThat(hospital.audited()).as("the creation that did not happen is not on record").isEmpty();
    }

    @Test
    void aSessionOverlappingALiveSessionOfTheSameRobot_isAConflict() {
        CareSession first = desk.schedule(command(DR_LI, robin, pepper.id(), TOMORROW_TEN, Duration.ofHours(1)));

        assertThatThrownBy(() -> desk.schedule(command(DR_WU, kim, pepper.id(), TOMORROW_TEN.plus(Duration.ofMinutes(30)),
                Duration.ofHours(1))))
                .isInstanceOfSatisfying(Conflict.class,
                        conflict -> assertThat(conflict.kind()).isEqualTo("session-overlap"));

        assertThat(allSessions()).containsExactly(first);
        assertThat(hospital.audited()).extracting(AuditEvent::patient).containsExactly(robin.id());
    }

    @Test
    void aRunningSessionOfTheSameRobot_blocksTheRobotToo() {
        hospital.stored(CareSession.schedule(robin.id(), pepper.id(), TimeWindow.of(NOW, Duration.ofHours(1)),
                "chat", true).start(NOW));

        assertThatThrownBy(() -> desk.schedule(command(DR_WU, kim, pepper.id(), NOW.plus(Duration.ofMinutes(10)),
                Duration.ofMinutes(20))))
                .isInstanceOfSatisfying(Conflict.class,
                        conflict -> assertThat(conflict.kind()).isEqualTo("session-overlap"));
    }

    @Test
    void aCancelledOrAbortedSession_doesNotBlockTheRobot() {
        TimeWindow window = TimeWindow.of(TOMORROW_TEN, Duration.ofHours(1));
        hospital.stored(CareSession.schedule(robin.id(), pepper.id(), window, "chat", true)
                .cancel("robot under repair", NOW));
        hospital.stored(CareSession.schedule(robin.id(), pepper.id(), window, "chat", true)
                .start(NOW).abort("fault", NOW));

        CareSession session = desk.schedule(command(DR_WU, kim, pepper.id(), TOMORROW_TEN, Duration.ofHours(1)));

        assertThat(hospital.sessions.find(session.id())).contains(session);
    }

    @Test
    void backToBackSessions_andSimultaneousSessionsOnAnotherRobot_doNotConflict() {
        desk.schedule(command(DR_LI, robin, pepper.id(), TOMORROW_TEN, Duration.ofHours(1)));

        CareSession next = desk.schedule(command(DR_WU, kim, pepper.id(), TOMORROW_TEN.plus(Duration.ofHours(1)),
                Duration.ofHours(1)));
        CareSession elsewhere = desk.schedule(command(DR_WU, kim, nao.id(), TOMORROW_TEN, Duration.ofHours(1)));

        assertThat(allSessions()).contains(next, elsewhere).hasSize(3);
    }

    // running

    @Test
    void aSessionStarts_whenThePatientsConsentToAudioCaptureIsInForce() {
        CareSession scheduled = hospital.scheduled(robin, pepper, NOW);
        hospital.consentGiven(robin.id(), NOW.minus(Duration.ofDays(1)), ConsentScope.AUDIO_CAPTURE);

        CareSession started = desk.start(DR_LI, scheduled.id());

        assertThat(started.state()).isEqualTo(SessionState.IN_PROGRESS);
        assertThat(started.startedAt()).isEqualTo(NOW);
        assertThat(hospital.sessions.find(scheduled.id())).contains(started);
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.UPDATE);
            assertThat(event.entity()).isEqualTo(EntityRef.careSession(scheduled.id()));
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void aSessionDoesNotStart_withoutConsentToAudioCapture() {
        CareSession scheduled = hospital.scheduled(robin, pepper, NOW);
        hospital.consentGiven(robin.id(), NOW.minus(Duration.ofDays(1)), ConsentScope.VIDEO_CAPTURE);

        assertConsentRequired(scheduled);
    }

    @Test
    void aSessionDoesNotStart_withoutAnyConsent() {
        assertConsentRequired(hospital.scheduled(robin, pepper, NOW));
    }

    @Test
    void aSessionDoesNotStart_onceConsentIsWithdrawn() {
        CareSession scheduled = hospital.scheduled(robin, pepper, NOW);
        hospital.consentGiven(robin.id(), NOW.minus(Duration.ofDays(2)), ConsentScope.AUDIO_CAPTURE);
        hospital.consents.append(hospital.consents.historyOf(robin.id())
                .withdraw(NOW.minus(Duration.ofDays(1)), new ClinicianId("dr-li")));

        assertConsentRequired(scheduled);
    }

    @Test
    void aSessionDoesNotStart_onConsentThatTakesEffectOnlyLater() {
        CareSession scheduled = hospital.scheduled(robin, pepper, NOW);
        hospital.consentGiven(robin.id(), NOW.plus(Duration.ofMinutes(5)), ConsentScope.AUDIO_CAPTURE);

        assertConsentRequired(scheduled);
    }

    @Test
    void aRunningSessionCompletes() {
        CareSession running = hospital.stored(CareSession.schedule(robin.id(), pepper.id(),
                TimeWindow.of(NOW.minus(Duration.ofMinutes(30)), Duration.ofHours(1)), "chat", true)
                .start(NOW.minus(Duration.ofMinutes(30))));

        CareSession completed = desk.complete(DR_LI, running.id());

        assertThat(completed.state()).isEqualTo(SessionState.COMPLETED);
        assertThat(completed.endedAt()).isEqualTo(NOW);
        assertThat(hospital.sessions.find(running.id())).contains(completed);
        assertThat(hospital.audited()).extracting(AuditEvent::action).containsExactly(AuditAction.UPDATE);
    }

    @Test
    void aScheduledSessionIsCancelled_withItsReason() {
        CareSession scheduled = hospital.scheduled(robin, pepper, TOMORROW_TEN);

        CareSession cancelled = desk.cancel(DR_LI, scheduled.id(), "patient is unwell");

        assertThat(cancelled.state()).isEqualTo(SessionState.CANCELLED);
        assertThat(cancelled.endReason()).isEqualTo("patient is unwell");
        assertThat(cancelled.endedAt()).isEqualTo(NOW);
        assertThat(hospital.sessions.find(scheduled.id())).contains(cancelled);
        assertThat(hospital.audited()).extracting(AuditEvent::action).containsExactly(AuditAction.UPDATE);
    }

    @Test
    void aCancellationWithoutReason_isRefused_andTheSessionStaysScheduled() {
        CareSession scheduled = hospital.scheduled(robin, pepper, TOMORROW_TEN);

        assertThatThrownBy(() -> desk.cancel(DR_LI, scheduled.id(), " ")).isInstanceOf(DomainViolation.class);

        assertThat(hospital.sessions.find(scheduled.id())).contains(scheduled);
        assertThat(hospital.audited()).isEmpty();
    }

    @Test
    void completingAScheduledSession_isAnIllegalTransition_andLeavesItUnchanged() {
        CareSession scheduled = hospital.scheduled(robin, pepper, NOW);

        assertIllegal(scheduled, () -> desk.complete(DR_LI, scheduled.id()), transition -> {
            assertThat(transition.from()).isEqualTo(SessionState.SCHEDULED);
            assertThat(transition.to()).isEqualTo(SessionState.COMPLETED);
        });
    }

    @Test
    void restartingACompletedSession_isAnIllegalTransition_andLeavesItUnchanged() {
        hospital.consentGiven(robin.id(), NOW.minus(Duration.ofDays(1)), ConsentScope.AUDIO_CAPTURE);
        CareSession completed = hospital.stored(hospital.scheduled(robin, pepper, NOW)
                .start(NOW).complete(NOW));

        assertIllegal(completed, () -> desk.start(DR_LI, completed.id()), transition ->
                assertThat(transition.from()).isEqualTo(SessionState.COMPLETED));
    }

    @Test
    void cancellingARunningSession_isAnIllegalTransition_andLeavesItUnchanged() {
        CareSession running = hospital.stored(hospital.scheduled(robin, pepper, NOW).start(NOW));

        assertIllegal(running, () -> desk.cancel(DR_LI, running.id(), "changed my mind"), transition -> {
            assertThat(transition.from()).isEqualTo(SessionState.IN_PROGRESS);
            assertThat(transition.to()).isEqualTo(SessionState.CANCELLED);
        });
    }

    @Test
    void startingACancelledSession_isAnIllegalTransition_andLeavesItUnchanged() {
        hospital.consentGiven(robin.id(), NOW.minus(Duration.ofDays(1)), ConsentScope.AUDIO_CAPTURE);
        CareSession cancelled = hospital.stored(hospital.scheduled(robin, pepper, NOW).cancel("unwell", NOW));

        assertIllegal(cancelled, () -> desk.start(DR_LI, cancelled.id()), transition ->
                assertThat(transition.from()).isEqualTo(SessionState.CANCELLED));
    }

    @Test
    void aClinicianOutsideTheCareTeam_cannotRunTheSession_andTheRefusalIsAudited() {
        CareSession scheduled = hospital.scheduled(robin, pepper, NOW);
        hospital.consentGiven(robin.id(), NOW.minus(Duration.ofDays(1)), ConsentScope.AUDIO_CAPTURE);

        assertThatThrownBy(() -> desk.start(DR_WU, scheduled.id())).isInstanceOf(UnknownCareSession.class);
        assertThatThrownBy(() -> desk.cancel(DR_WU, scheduled.id(), "no")).isInstanceOf(UnknownCareSession.class);

        assertThat(hospital.sessions.find(scheduled.id())).contains(scheduled);
        assertThat(hospital.audited()).extracting(AuditEvent::action, AuditEvent::outcome).containsExactly(
                tuple(AuditAction.UPDATE, AuditOutcome.DENIED), tuple(AuditAction.UPDATE, AuditOutcome.DENIED));
    }

    @Test
    void aRobotDoesNotStartSessions_evenItsOwn_theClinicianDoes() {
        CareSession scheduled = hospital.scheduled(robin, pepper, NOW);
        hospital.consentGiven(robin.id(), NOW.minus(Duration.ofDays(1)), ConsentScope.AUDIO_CAPTURE);

        assertThatThrownBy(() -> desk.start(robotCaller("pepper-1"), scheduled.id()))
                .isInstanceOf(NotPermitted.class);

        assertThat(hospital.sessions.find(scheduled.id())).contains(scheduled);
        assertThat(hospital.audited()).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.DENIED);
    }

    // reading and listing

    @Test
    void readingASession_isAnAuditedRead() {
        CareSession scheduled = hospital.scheduled(robin, pepper, TOMORROW_TEN);

        assertThat(desk.read(DR_LI, scheduled.id())).isEqualTo(scheduled);
        assertThatThrownBy(() -> desk.read(DR_WU, scheduled.id())).isInstanceOf(UnknownCareSession.class);

        assertThat(hospital.audited()).extracting(AuditEvent::action, AuditEvent::outcome).containsExactly(
                tuple(AuditAction.READ, AuditOutcome.SUCCESS), tuple(AuditAction.READ, AuditOutcome.DENIED));
    }

    @Test
    void theDayOfASession_isTheHospitalsDay_notUtcs() {
        Instant lateOn25th = local(2026, 11, 25, 23, 30); // 15:30 UTC on the 25th
        Instant earlyOn26th = local(2026, 11, 26, 0, 30); // 16:30 UTC, still the 25th in UTC
        CareSession late = hospital.scheduled(robin, pepper, lateOn25th);
        CareSession early = hospital.scheduled(robin, nao, earlyOn26th);

        Page<CareSession> on25th = desk.list(DR_LI, new SessionFilter(LocalDate.of(2026, 11, 25), null, null, null),
                FIRST_PAGE);
        Page<CareSession> on26th = desk.list(DR_LI, new SessionFilter(LocalDate.of(2026, 11, 26), null, null, null),
                FIRST_PAGE);

        assertThat(on25th.items()).containsExactly(late);
        assertThat(on26th.items()).containsExactly(early);
    }

    @Test
    void aSessionStartingAtLocalMidnight_belongsToTheDayItStarts() {
        CareSession midnight = hospital.scheduled(robin, pepper, local(2026, 11, 26, 0, 0));

        assertThat(desk.list(DR_LI, new SessionFilter(LocalDate.of(2026, 11, 25), null, null, null), FIRST_PAGE)
                .items()).isEmpty();
        assertThat(desk.list(DR_LI, new SessionFilter(LocalDate.of(2026, 11, 26), null, null, null), FIRST_PAGE)
                .items()).containsExactly(midnight);
    }

    @Test
    void theListFiltersByState() {
        CareSession scheduled = hospital.scheduled(robin, pepper, TOMORROW_TEN);
        hospital.stored(hospital.scheduled(robin, nao, NOW).start(NOW));

        Page<CareSession> page = desk.list(DR_LI, new SessionFilter(null, null, null, SessionState.SCHEDULED),
                FIRST_PAGE);

        assertThat(page.items()).containsExactly(scheduled);
    }

    @Test
    void theListFiltersByPatient() {
        Patient ada = hospital.patientCaredForBy("Ada", DR_LI);
        CareSession robins = hospital.scheduled(robin, pepper, TOMORROW_TEN);
        hospital.scheduled(ada, nao, TOMORROW_TEN);

        Page<CareSession> page = desk.list(DR_LI, new SessionFilter(null, null, robin.id(), null), FIRST_PAGE);

        assertThat(page.items()).containsExactly(robins);
    }

    @Test
    void aClinicianListsOnlyTheSessionsOfCareTeamPatients_evenWhenAskingForAnotherPatient() {
        CareSession robins = hospital.scheduled(robin, pepper, TOMORROW_TEN);
        hospital.scheduled(kim, nao, TOMORROW_TEN);

        assertThat(desk.list(DR_LI, SessionFilter.none(), FIRST_PAGE).items()).containsExactly(robins);
        assertThat(desk.list(DR_LI, new SessionFilter(null, null, kim.id(), null), FIRST_PAGE).items()).isEmpty();
    }

    @Test
    void theClinicianFilter_keepsTheSessionsOfPatientsTheCallerSharesWithThatClinician() {
        Patient shared = hospital.patientCaredForBy("Shared", DR_LI, DR_WU);
        CareSession sharedSession = hospital.scheduled(shared, nao, TOMORROW_TEN);
        hospital.scheduled(robin, pepper, TOMORROW_TEN);

        Page<CareSession> page = desk.list(DR_LI, new SessionFilter(null, DR_WU.clinician(), null, null), FIRST_PAGE);

        assertThat(page.items()).containsExactly(sharedSession);
    }

    @Test
    void aRobotListsOnlyItsOwnSessions() {
        CareSession pepperForRobin = hospital.scheduled(robin, pepper, TOMORROW_TEN);
        CareSession pepperForKim = hospital.scheduled(kim, pepper, TOMORROW_TEN.plus(Duration.ofHours(2)));
        hospital.scheduled(robin, nao, TOMORROW_TEN);

        Page<CareSession> page = desk.list(robotCaller("pepper-1"), SessionFilter.none(), FIRST_PAGE);

        assertThat(page.items()).containsExactly(pepperForRobin, pepperForKim);
    }

    @Test
    void everyListedSessionIsAnAuditedRead() {
        CareSession first = hospital.scheduled(robin, pepper, TOMORROW_TEN);
        CareSession second = hospital.scheduled(robin, nao, TOMORROW_TEN.plus(Duration.ofHours(3)));

        desk.list(DR_LI, SessionFilter.none(), FIRST_PAGE);

        assertThat(hospital.audited()).extracting(AuditEvent::action, AuditEvent::entity, AuditEvent::patient,
                AuditEvent::outcome).containsExactly(
                tuple(AuditAction.READ, EntityRef.careSession(first.id()), robin.id(), AuditOutcome.SUCCESS),
                tuple(AuditAction.READ, EntityRef.careSession(second.id()), robin.id(), AuditOutcome.SUCCESS));
    }

    @Test
    void theListIsPaged_earliestFirst_andOnlyThePageIsAudited() {
        List<CareSession> byStart = List.of(4, 1, 3, 0, 2).stream()
                .map(hours -> hospital.scheduled(robin, pepper, TOMORROW_TEN.plus(Duration.ofHours(hours))))
                .sorted(Comparator.comparing(session -> session.window().start()))
                .toList();

        Page<CareSession> second = desk.list(DR_LI, SessionFilter.none(), new PageRequest(1, 2));

        assertThat(second.items()).containsExactly(byStart.get(2), byStart.get(3));
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.number()).isEqualTo(1);
        assertThat(hospital.audited()).hasSize(2);
    }

    private void assertConsentRequired(CareSession scheduled) {
        assertThatThrownBy(() -> desk.start(DR_LI, scheduled.id()))
                .isInstanceOfSatisfying(Conflict.class,
                        conflict -> assertThat(conflict.kind()).isEqualTo("consent-required"));
        assertThat(hospital.sessions.find(scheduled.id())).contains(scheduled);
        assertThat(hospital.audited()).as("a start that did not happen is not on record").isEmpty();
    }

    private void assertIllegal(CareSession before, Runnable transition, Consumer<IllegalSessionTransition> check) {
        assertThatThrownBy(transition::run).isInstanceOfSatisfying(IllegalSessionTransition.class, check);
        assertThat(hospital.sessions.find(before.id())).contains(before);
        assertThat(hospital.audited()).isEmpty();
    }

    private List<CareSession> allSessions() {
        return hospital.sessions.list(new SessionCriteria(
                null, null, null, null, null), FIRST_PAGE).items();
    }

    private static Instant local(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(SHANGHAI).toInstant();
    }

    private static ScheduleSession command(Caller caller, Patient patient, RobotId robot, Instant start,
                                           Duration length) {
        return new ScheduleSession(caller, patient.id(), robot, TimeWindow.of(start, length), "talk about the garden",
                true);
    }
}
