package org.eecs.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Guard clauses shared by the value types, so that every violation reads the same way:
 * the field first, then what was expected, then what was given.
 */
public final class Require {

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int QUOTE_LIMIT = 60;

    private Require() {
    }

    /** The value itself, or a violation saying that {@code field} is missing. */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new DomainViolation(field + " is required, got null");
        }
        return value;
    }

    /** Non-blank text of at most {@code maxLength} characters, returned unchanged. */
    public static String text(String field, String value, int maxLength) {
        present(field, value);
        if (value.isBlank()) {
            throw new DomainViolation(field + " must not be blank, got " + quote(value));
        }
        return atMost(field, value, maxLength);
    }

    /** Text that may be absent (null) or empty, but is never longer than {@code maxLength}. */
    public static String optionalText(String field, String value, int maxLength) {
        return value == null ? null : atMost(field, value, maxLength);
    }

    /** Parses the canonical 8-4-4-4-12 form only; {@link UUID#fromString} alone accepts "1-2-3-4-5". */
    public static UUID uuid(String field, String text) {
        present(field, text);
        if (!CANONICAL_UUID.matcher(text).matches()) {
            throw new DomainViolation(field + " must be a UUID such as 123e4567-e89b-12d3-a456-426614174000, got "
                    + quote(text));
        }
        return UUID.fromString(text);
    }

    /** The value in double quotes, shortened when long, for use in messages. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > QUOTE_LIMIT ? value.substring(0, QUOTE_LIMIT) + "..." : value;
        return "\"" + shown + "\"";
    }

    private static String atMost(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new DomainViolation(field + " must be at most " + maxLength + " characters, got "
                    + value.length() + ": " + quote(value));
        }
        return value;
    }
}
