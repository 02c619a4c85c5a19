package org.eecs.domain.audit;

import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.session.CareSessionId;

/** What was acted on, by type name ("Patient", "CareSession") and id. */
public record EntityRef(String type, String id) {

    public static final int MAX_ID_LENGTH = 255;

    public EntityRef {
        Require.present("entity type", type);
        if (!isTypeName(type)) {
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

    /** [A-Z][A-Za-z]{1,40}, checked without a regular expression: every event read back passes here. */
    private static boolean isTypeName(String type) {
        if (type.length() < 2 || type.length() > 41 || type.charAt(0) < 'A' || type.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < type.length(); i++) {
            char c = type.charAt(i);
            if ((c < 'A' || c > 'Z') && (c < 'a' || c > 'z')) {
                return false;
            }
        }
        return true;
    }
}
