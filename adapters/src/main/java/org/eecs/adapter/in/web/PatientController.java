package org.eecs.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Year;
import java.util.List;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.in.RegisteringPatient;
import org.eecs.application.port.in.RegisteringPatient.RegisterPatient;
import org.eecs.application.port.in.ViewingPatients;
import org.eecs.application.port.in.ViewingPatients.PatientFilter;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/patients")
@Tag(name = "Patients", description = "Pseudonymous patients of the caller's care team")
class PatientController {

    private final RegisteringPatient registering;
    private final ViewingPatients viewing;
    private final Callers callers;
    private final Clock clock;

    PatientController(RegisteringPatient registering, ViewingPatients viewing, Callers callers, Clock clock) {
        this.registering = registering;
        this.viewing = viewing;
        this.callers = callers;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Register a patient under a pseudonym; the registering clinician joins the care team")
    ResponseEntity<PatientJson> register(@Valid @RequestBody NewPatient body) {
        Patient patient = registering.register(new RegisterPatient(callers.as(Role.CLINICIAN), body.alias(),
                body.birthYear(), body.gender(), body.preferredLanguage(), body.preferences()));
        return ResponseEntity.created(URI.create("/api/v1/patients/" + patient.id())).body(view(patient));
    }

    @GetMapping
    @Operation(summary = "List the patients of your care team")
    PageJson<PatientJson> list(@RequestParam(required = false) String alias,
                               @RequestParam(required = false) AgeGroup ageGroup,
                               @RequestParam(required = false) ClinicianId careTeamMember,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
        return PageJson.of(viewing.list(callers.as(Role.CLINICIAN),
                new PatientFilter(alias, ageGroup, careTeamMember), new PageRequest(page, size)), this::view);
    }

    @GetMapping("/{patient}")
    @Operation(summary = "Read a patient of your care team")
    PatientJson read(@PathVariable PatientId patient) {
        return view(viewing.read(callers.as(Role.CLINICIAN), patient));
    }

    @PutMapping("/{patient}/preferences")
    @Operation(summary = "Replace the patient's stated preferences")
    PatientJson updatePreferences(@PathVariable PatientId patient, @Valid @RequestBody PreferencesJson body) {
        return view(viewing.updatePreferences(callers.as(Role.CLINICIAN), patient, body.notes()));
    }

    private PatientJson view(Patient patient) {
        return new PatientJson(patient.id().toString(), patient.alias(), patient.birthYear(),
                patient.ageGroup(Year.now(clock)), patient.gender(), patient.preferredLanguage(),
                patient.preferences().notes());
    }

    record NewPatient(@NotBlank @Size(max = Patient.MAX_ALIAS_LENGTH) String alias,
                      @NotNull @Min(Patient.EARLIEST_BIRTH_YEAR) @Max(Patient.LATEST_BIRTH_YEAR) Integer birthYear,
                      @NotNull Gender gender,
                      @NotBlank @Size(max = 35) String preferredLanguage,
                      @Size(max = 50) List<@NotBlank String> preferences) {
    }

    record PreferencesJson(@NotNull @Size(max = 50) List<@NotBlank String> notes) {
    }

    record PatientJson(String id, String alias, int birthYear, AgeGroup ageGroup, Gender gender,
                       String preferredLanguage, List<String> preferences) {
    }
}
