package org.eecs.application.port.out;

import org.eecs.domain.patient.CareTeam;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;

/**
 * Which clinicians care for which patient. Changed one membership at a time, so that two administrators
 * changing one team at once never undo each other's change.
 */
public interface CareTeams {

    /** The patient's care team; empty when nobody has been assigned yet. */
    CareTeam of(PatientId patient);

    /** Adds the clinician to the patient's care team; nothing changes if they are in it already. */
    void add(PatientId patient, ClinicianId clinician);

    /** Removes the clinician from the patient's care team; nothing changes if they were not in it. */
    void remove(PatientId patient, ClinicianId clinician);
}
