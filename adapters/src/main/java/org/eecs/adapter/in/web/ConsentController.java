package org.eecs.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eecs.application.port.in.NotFound;
import org.eecs.application.port.in.RecordingConsent;
import org.eecs.domain.audit.Role;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.consent.ConsentStatus;
import org.eecs.domain.patient.PatientId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/patients/{patient}/consents")
@Tag(name = "Consents", description = "Versioned consent of a patient of your care team")
class ConsentController {

    private final RecordingConsent consents;
    private final Callers callers;

    ConsentController(RecordingConsent consents, Callers callers) {
        this.consents = consents;
        this.callers = callers;
    }

    @PostMapping
    @Operation(summary = "Record a new consent version granting these scopes (replacing the previous version)")
    ResponseEntity<ConsentJson> grant(@PathVariable PatientId patient, @Valid @RequestBody NewConsent body) {
        return created(patient, consents.grant(callers.as(Role.CLINICIAN), patient, body.scopes(),
                body.recordingRetention()));
    }

    @PostMapping("/withdrawal")
    @Operation(summary = "Withdraw consent: a new version with no scopes, in force at once")
    ResponseEntity<ConsentJson> withdraw(@PathVariable PatientId patient) {
        return created(patient, consents.withdraw(callers.as(Role.CLINICIAN), patient));
    }

    @GetMapping("/current")
    @Operation(summary = "The consent version in force")
    ConsentJson current(@PathVariable PatientId patient) {
        return consents.current(callers.as(Role.CLINICIAN), patient).map(ConsentController::view)
                .orElseThrow(() -> new NoConsentRecorded(patient));
    }

    @GetMapping
    @Operation(summary = "Every consent version, oldest first")
    List<ConsentJson> history(@PathVariable PatientId patient) {
        return consents.history(callers.as(Role.CLINICIAN), patient).versions().stream()
                .map(ConsentController::view).toList();
    }

    private static ResponseEntity<ConsentJson> created(PatientId patient, Consent consent) {
        return ResponseEntity.created(URI.create("/api/v1/patients/" + patient + "/consents/current"))
                .body(view(consent));
    }

    private static ConsentJson view(Consent consent) {
        return new ConsentJson(consent.version(), consent.status(), consent.scopes(), consent.effectiveFrom(),
                consent.recordedBy().value(), consent.recordingRetention());
    }

    /** @param recordingRetention ISO-8601 duration such as "P30D"; required exactly with RECORDING_RETENTION */
    record NewConsent(@NotNull Set<@NotNull ConsentScope> scopes, Duration recordingRetention) {
    }

    record ConsentJson(int version, ConsentStatus status, Set<ConsentScope> scopes, Instant effectiveFrom,
                       String recordedBy, Duration recordingRetention) {
    }

    static final class NoConsentRecorded extends NotFound {
        NoConsentRecorded(PatientId patient) {
            super("no consent has been recorded for patient " + patient);
        }
    }
}
