package org.eecs.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.in.HandlingEscalations;
import org.eecs.domain.audit.Role;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.safety.EscalationState;
import org.eecs.domain.session.CareSessionId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Escalations", description = "Crisis language heard in sessions: see, take on and resolve")
class EscalationController {

    private final HandlingEscalations escalations;
    private final Callers callers;

    EscalationController(HandlingEscalations escalations, Callers callers) {
        this.escalations = escalations;
        this.callers = callers;
    }

    @GetMapping("/api/v1/sessions/{session}/escalations")
    @Operation(summary = "The session's escalations, oldest first")
    List<EscalationJson> ofSession(@PathVariable CareSessionId session) {
        return escalations.ofSession(callers.as(Role.CLINICIAN), session).stream().map(EscalationJson::of).toList();
    }

    @GetMapping("/api/v1/escalations")
    @Operation(summary = "Escalations of your care team's patients, oldest first; open ones unless states are given")
    PageJson<EscalationJson> forMyPatients(@RequestParam(required = false) Set<EscalationState> state,
                                           @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
        Set<EscalationState> states = state == null || state.isEmpty() ? EnumSet.of(EscalationState.OPEN) : state;
        return PageJson.of(escalations.forMyPatients(callers.as(Role.CLINICIAN), states, new PageRequest(page, size)),
                EscalationJson::of);
    }

    @PostMapping("/api/v1/escalations/{escalation}/acknowledge")
    @Operation(summary = "Take on an open escalation")
    EscalationJson acknowledge(@PathVariable EscalationId escalation) {
        return EscalationJson.of(escalations.acknowledge(callers.as(Role.CLINICIAN), escalation));
    }

    @PostMapping("/api/v1/escalations/{escalation}/resolve")
    @Operation(summary = "Resolve an open or acknowledged escalation, saying what was done")
    EscalationJson resolve(@PathVariable EscalationId escalation, @Valid @RequestBody Resolution body) {
        return EscalationJson.of(escalations.resolve(callers.as(Role.CLINICIAN), escalation, body.resolution()));
    }

    record Resolution(@NotBlank @Size(max = Escalation.MAX_RESOLUTION_LENGTH) String resolution) {
    }

    /** @param evidence why the words were taken for a crisis: the rule that matched, or the example they resembled */
    record EscalationJson(String id, String sessionId, String patientId, String category, String evidence,
                          String utterance, Instant raisedAt, EscalationState state, String acknowledgedBy,
                          Instant acknowledgedAt, String resolvedBy, Instant resolvedAt, String resolution) {
        static EscalationJson of(Escalation escalation) {
            return new EscalationJson(escalation.id().toString(), escalation.session().toString(),
                    escalation.patient().toString(), escalation.category().label(), escalation.signal().evidence(),
                    escalation.utterance(), escalation.raisedAt(), escalation.state(),
                    escalation.acknowledgedBy() == null ? null : escalation.acknowledgedBy().value(),
                    escalation.acknowledgedAt(),
                    escalation.resolvedBy() == null ? null : escalation.resolvedBy().value(),
                    escalation.resolvedAt(), escalation.resolution());
        }
    }
}
