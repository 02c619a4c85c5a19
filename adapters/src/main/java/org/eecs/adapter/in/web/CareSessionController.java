package org.eecs.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.in.SchedulingCareSessions;
import org.eecs.application.port.in.SchedulingCareSessions.ScheduleSession;
import org.eecs.application.port.in.SchedulingCareSessions.SessionFilter;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sessions")
@Tag(name = "Care sessions", description = "Schedule, run and close care sessions of your care team's patients")
class CareSessionController {

    private final SchedulingCareSessions sessions;
    private final Callers callers;

    CareSessionController(SchedulingCareSessions sessions, Callers callers) {
        this.sessions = sessions;
        this.callers = callers;
    }

    @PostMapping
    @Operation(summary = "Schedule a session; a robot never has two overlapping sessions")
    ResponseEntity<SessionJson> schedule(@Valid @RequestBody NewSession body) {
        CareSession session = sessions.schedule(new ScheduleSession(callers.as(Role.CLINICIAN),
                PatientId.of(body.patientId()), new RobotId(body.robotId()), new TimeWindow(body.start(), body.end()),
                body.careGoal(), body.emotionInput()));
        return ResponseEntity.created(URI.create("/api/v1/sessions/" + session.id())).body(SessionJson.of(session));
    }

    @GetMapping
    @Operation(summary = "Sessions of your care team's patients (a robot: its own sessions)")
    PageJson<SessionJson> list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                               LocalDate day,
                               @RequestParam(required = false) ClinicianId clinician,
                               @RequestParam(required = false) PatientId patient,
                               @RequestParam(required = false) SessionState state,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
        return PageJson.of(sessions.list(callers.asAnyOf(Role.CLINICIAN, Role.ROBOT),
                new SessionFilter(day, clinician, patient, state), new PageRequest(page, size)), SessionJson::of);
    }

    @GetMapping("/{session}")
    @Operation(summary = "One session")
    SessionJson read(@PathVariable CareSessionId session) {
        return SessionJson.of(sessions.read(callers.asAnyOf(Role.CLINICIAN, Role.ROBOT), session));
    }

    @PostMapping("/{session}/start")
    @Operation(summary = "Start a scheduled session; needs consent to audio capture in force")
    SessionJson start(@PathVariable CareSessionId session) {
        return SessionJson.of(sessions.start(callers.as(Role.CLINICIAN), session));
    }

    @PostMapping("/{session}/complete")
    @Operation(summary = "Complete a running session")
    SessionJson complete(@PathVariable CareSessionId session) {
        return SessionJson.of(sessions.complete(callers.as(Role.CLINICIAN), session));
    }

    @PostMapping("/{session}/cancel")
    @Operation(summary = "Cancel a scheduled session, giving the reason")
    SessionJson cancel(@PathVariable CareSessionId session, @Valid @RequestBody Reason body) {
        return SessionJson.of(sessions.cancel(callers.as(Role.CLINICIAN), session, body.reason()));
    }

    /** @param emotionInput false runs the session without emotion input (the paper's ablation) */
    record NewSession(@NotBlank String patientId, @NotBlank String robotId, @NotNull Instant start,
                      @NotNull Instant end, @NotBlank @Size(max = CareSession.MAX_CARE_GOAL_LENGTH) String careGoal,
                      @NotNull Boolean emotionInput) {
    }

    record Reason(@NotBlank @Size(max = CareSession.MAX_END_REASON_LENGTH) String reason) {
    }

    /** @param crisisFlaggedAt when crisis language was first heard in the session (see its escalations); null if never */
    record SessionJson(String id, String patientId, String robotId, Instant start, Instant end, String careGoal,
                       boolean emotionInput, SessionState state, Instant startedAt, Instant endedAt,
                       String endReason, Instant crisisFlaggedAt) {
        static SessionJson of(CareSession session) {
            return new SessionJson(session.id().toString(), session.patient().toString(), session.robot().value(),
                    session.window().start(), session.window().end(), session.careGoal(), session.emotionInput(),
                    session.state(), session.startedAt(), session.endedAt(), session.endReason(),
                    session.crisisFlaggedAt());
        }
    }
}
