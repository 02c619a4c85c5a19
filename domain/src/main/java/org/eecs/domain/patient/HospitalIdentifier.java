package org.eecs.domain.patient;

import java.util.regex.Pattern;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * The hospital's own number for a patient (a medical record number), as its information system names it: the
 * system is a URI that says whose number it is ("urn:oid:1.2.36.146.595.217.0.1", "https://hospital.example/mrn"),
 * the value the number itself. It links our pseudonymous record to the hospital's without naming the person; one
 * identifier belongs to at most one patient.
 */
public record HospitalIdentifier(String system, String value) {

    public static final int MAX_SYSTEM_LENGTH = 255;
    public static final int MAX_VALUE_LENGTH = 255;
    /** An absolute URI: a scheme, a colon, then no spaces or control characters. */
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s|]+");

    public HospitalIdentifier {
        Require.text("identifier system", system, MAX_SYSTEM_LENGTH);
        if (!URI.matcher(system).matches()) {
            throw new DomainViolation("an identifier system is an absolute URI such as \"urn:oid:1.2.3\" or "
                    + "\"https://hospital.example/mrn\", got " + Require.quote(system));
        }
        Require.text("identifier value", value, MAX_VALUE_LENGTH);
        if (!value.strip().equals(value) || value.chars().anyMatch(Character::isISOControl)) {
            throw new DomainViolation("an identifier value has no leading or trailing spaces and no control "
                    + "characters, got " + Require.quote(value));
        }
    }

    @Override
    public String toString() {
        return system + "|" + value;
    }
}
