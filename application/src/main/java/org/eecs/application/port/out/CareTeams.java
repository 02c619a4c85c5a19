package org.eecs.application.port.out;

import org.eecs.domain.patient.CareTeam;
import org.eecs.domain.patient.PatientId;

/** Which clinicians care for which patient. */
public interface CareTeams {

    /** The patient's care team; empty when nobody has been assigned yet. */
    CareTeam of(PatientId patient);

    /** Replaces the patient's care team with the one given. */
    void save(CareTeam team);
}
