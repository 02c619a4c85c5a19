package org.eecs.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.eecs.application.port.in.ManagingCareTeams;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.CareTeam;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/patients/{patient}/care-team")
@Tag(name = "Care teams", description = "Administrators: which clinicians care for which patient")
class CareTeamController {

    private final ManagingCareTeams careTeams;
    private final Callers callers;

    CareTeamController(ManagingCareTeams careTeams, Callers callers) {
        this.careTeams = careTeams;
        this.callers = callers;
    }

    @GetMapping
    @Operation(summary = "Who is in the patient's care team")
    CareTeamJson read(@PathVariable PatientId patient) {
        return view(careTeams.read(callers.as(Role.ADMIN), patient));
    }

    @PutMapping("/{clinician}")
    @Operation(summary = "Add a clinician (their Keycloak username) to the care team")
    CareTeamJson assign(@PathVariable PatientId patient, @PathVariable ClinicianId clinician) {
        return view(careTeams.assign(callers.as(Role.ADMIN), patient, clinician));
    }

    @DeleteMapping("/{clinician}")
    @Operation(summary = "Remove a clinician from the care team")
    CareTeamJson remove(@PathVariable PatientId patient, @PathVariable ClinicianId clinician) {
        return view(careTeams.remove(callers.as(Role.ADMIN), patient, clinician));
    }

    private static CareTeamJson view(CareTeam team) {
        return new CareTeamJson(team.patient().toString(),
                team.clinicians().stream().map(ClinicianId::value).sorted().toList());
    }

    record CareTeamJson(String patient, List<String> clinicians) {
    }
}
