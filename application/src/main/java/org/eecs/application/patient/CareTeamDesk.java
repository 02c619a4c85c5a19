package org.eecs.application.patient;

import java.util.function.BiConsumer;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ManagingCareTeams;
import org.eecs.application.port.in.UnknownPatient;
import org.eecs.application.port.out.CareTeams;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.CareTeam;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;

/** Care-team membership, kept by administrators; they see who cares for a patient, nothing clinical. */
public final class CareTeamDesk implements ManagingCareTeams {

    private final Patients patients;
    private final CareTeams careTeams;
    private final CareRecordAccess access;
    private final Transactions transactions;

    public CareTeamDesk(Patients patients, CareTeams careTeams, CareRecordAccess access, Transactions transactions) {
        this.patients = patients;
        this.careTeams = careTeams;
        this.access = access;
        this.transactions = transactions;
    }

    @Override
    public CareTeam read(Caller caller, PatientId patient) {
        return transactions.inOne(() -> {
            open(caller, patient, AuditAction.READ);
            return careTeams.of(patient);
        });
    }

    @Override
    public CareTeam assign(Caller caller, PatientId patient, ClinicianId clinician) {
        return change(caller, patient, clinician, careTeams::add);
    }

    @Override
    public CareTeam remove(Caller caller, PatientId patient, ClinicianId clinician) {
        return change(caller, patient, clinician, careTeams::remove);
    }

    private CareTeam change(Caller caller, PatientId patient, ClinicianId clinician,
                            BiConsumer<PatientId, ClinicianId> membership) {
        return transactions.inOne(() -> {
            open(caller, patient, AuditAction.UPDATE);
            membership.accept(patient, clinician);
            return careTeams.of(patient);
        });
    }

    private void open(Caller caller, PatientId patient, AuditAction action) {
        EntityRef team = new EntityRef("CareTeam", patient.toString());
        access.requireRole(caller, Role.ADMIN, action, team);
        if (patients.find(patient).isEmpty()) {
            access.missing(caller, action, team);
            throw new UnknownPatient(patient);
        }
        access.record(caller, action, team, patient);
    }
}
