package org.eecs.domain.audit;

import java.util.regex.Pattern;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.session.CareSessionId;

/** What was acted on, by type name ("Patient", "CareSession") and id. */
public record EntityRef(String type, String id) {

    public static final int MAX_ID_LENGTH = 255;
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,40}");

    public EntityRef {
        Require.present("entity type", type);
        if (!TYPE.matcher(type).matches()) {
            throw new DomainViolation("entity type must be a capitalised name of 2 to 41 letters such as \"Patient\", "
                    + "got " + Require.quote(type));
        }
        Require.text("entity id", id, MAX_ID_LENGTH);
    }

    public static EntityRef patient(PatientId patient) {
        return new EntityRef("Patient", Require.present("patient", patient).toString());
    }

    public static EntityRef careSession(CareSessionId session) {
        return new EntityRef("CareSession", Require.present("care session", session).toString());
    }
}
