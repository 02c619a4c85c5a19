package org.eecs.application.port.in;

import org.eecs.domain.patient.CareTeam;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;

/** An administrator decides which clinicians care for which patient; no clinical content is shown. */
public interface ManagingCareTeams {

    CareTeam read(Caller caller, PatientId patient);

    CareTeam assign(Caller caller, PatientId patient, ClinicianId clinician);

    CareTeam remove(Caller caller, PatientId patient, ClinicianId clinician);
}
