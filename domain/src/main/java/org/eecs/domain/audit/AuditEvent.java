package org.eecs.domain.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.eecs.domain.Require;
import org.eecs.domain.patient.PatientId;

/**
 * One access to, or change of, care data: who did what to which entity, about which patient, with what
 * outcome, when, from where and why. The instant is kept to the microsecond, the precision PostgreSQL
 * stores, so that an event read back from the database hashes exactly as it did when it was written.
 *
 * <h2>Canonical form (version 1)</h2>
 *
 * {@link #canonicalForm()} is the text the audit hash chain is computed over. It is a long-term contract:
 * changing it invalidates every stored hash, so a change means a new version line, never an edit. It is
 * exactly these thirteen lines, in this order, separated by a single line feed (U+000A) and with no line
 * feed after the last:
 *
 * <pre>
 * eecs-audit-event/v1
 * actor.id=&lt;value&gt;
 * actor.role=&lt;value&gt;
 * action=&lt;value&gt;
 * entity.type=&lt;value&gt;
 * entity.id=&lt;value&gt;
 * patient=&lt;value&gt;
 * outcome=&lt;value&gt;
 * at=&lt;value&gt;
 * sourceAddress=&lt;value&gt;
 * purpose=&lt;value&gt;
 * requestId=&lt;value&gt;
 * end
 * </pre>
 *
 * Values are written as follows:
 * <ul>
 *   <li>enums ({@code actor.role}, {@code action}, {@code outcome}) as their constant name, e.g. {@code CLINICIAN};
 *   <li>{@code patient} as the lower-case UUID text, e.g. {@code 123e4567-e89b-12d3-a456-426614174000};
 *   <li>{@code at} in UTC as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}, always with exactly six fractional digits,
 *       e.g. {@code 2025-03-01T09:30:00.120000Z};
 *   <li>text as-is, except that a backslash ({@code \}), an equals sign ({@code =}), any ISO control character
 *       (which includes line feed, carriage return, tab and U+0085) and the separators U+2028 and U+2029 are each
 *       written as {@code \}{@code u} followed by four upper-case hexadecimal digits of the UTF-16 code unit
 *       (a line feed becomes {@code \}{@code u000A}). No value can therefore contain a line break or an
 *       unescaped {@code =}, and a backslash in the output always starts an escape;
 *   <li>an absent value (null: {@code patient}, {@code sourceAddress}, {@code purpose}, {@code requestId}) as the
 *       two characters {@code \N}, which no escaped text can produce; an empty text is written as nothing
 *       after the {@code =}.
 * </ul>
 * The text is hashed as UTF-8 (see {@link AuditChain#hash}).
 */
public record AuditEvent(Actor actor, AuditAction action, EntityRef entity, PatientId patient, AuditOutcome outcome,
                         Instant at, String sourceAddress, String purpose, String requestId) {

    public static final int MAX_SOURCE_ADDRESS_LENGTH = 255;
    public static final int MAX_PURPOSE_LENGTH = 255;
    public static final int MAX_REQUEST_ID_LENGTH = 255;

    static final String FORMAT_VERSION = "eecs-audit-event/v1";
    private static final String ABSENT = "\\N";
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int[] TENS = {1, 10, 100, 1000, 10000, 100000};
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public AuditEvent {
        Require.present("actor", actor);
        Require.present("audit action", action);
        Require.present("entity", entity);
        Require.present("audit outcome", outcome);
        at = Require.present("audit time", at).truncatedTo(ChronoUnit.MICROS);
        Require.optionalText("sourceAddress", sourceAddress, MAX_SOURCE_ADDRESS_LENGTH);
        Require.optionalText("purpose", purpose, MAX_PURPOSE_LENGTH);
        Require.optionalText("requestId", requestId, MAX_REQUEST_ID_LENGTH);
    }

    /** The deterministic text the audit hash is computed over; see the class description for the format. */
    public String canonicalForm() {
        return appendCanonicalForm(new StringBuilder(320)).toString();
    }

    /**
     * The canonical form appended to {@code out}, built in place: the chain hashes every event of an export again,
     * so this is written for speed (one builder, no formatter), and {@code AuditEventTest} holds it to the contract.
     */
    StringBuilder appendCanonicalForm(StringBuilder out) {
        out.append(FORMAT_VERSION);
        escaped(out.append("\nactor.id="), actor.id());
        out.append("\nactor.role=").append(actor.role().name());
        out.append("\naction=").append(action.name());
        escaped(out.append("\nentity.type="), entity.type());
        escaped(out.append("\nentity.id="), entity.id());
        out.append("\npatient=").append(patient == null ? ABSENT : patient.toString());
        out.append("\noutcome=").append(outcome.name());
        appendTime(out.append("\nat="), at);
        escaped(out.append("\nsourceAddress="), sourceAddress);
        escaped(out.append("\npurpose="), purpose);
        escaped(out.append("\nrequestId="), requestId);
        return out.append("\nend");
    }

    /**
     * An instant as the canonical form writes it: UTC, {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}, exactly six fractional
     * digits (finer digits dropped). Exports write event times so, that each event can be hashed again from them.
     */
    public static String canonicalTime(Instant at) {
        return appendTime(new StringBuilder(27), at).toString();
    }

    private static StringBuilder appendTime(StringBuilder out, Instant at) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(at.getEpochSecond(), at.getNano(), ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            INSTANT.formatTo(at, out); // signed years: as the formatter writes them
            return out;
        }
        digits(out, utc.getYear(), 4).append('-');
        digits(out, utc.getMonthValue(), 2).append('-');
        digits(out, utc.getDayOfMonth(), 2).append('T');
        digits(out, utc.getHour(), 2).append(':');
        digits(out, utc.getMinute(), 2).append(':');
        digits(out, utc.getSecond(), 2).append('.');
        return digits(out, utc.getNano() / 1000, 6).append('Z');
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int divisor = TENS[width - 1]; divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
        return out;
    }

    private static void escaped(StringBuilder out, String value) {
        if (value == null) {
            out.append(ABSENT);
            return;
        }
        int plain = 0;
        while (plain < value.length() && !needsEscape(value.charAt(plain))) {
            plain++;
        }
        out.append(value, 0, plain); // most values hold nothing to escape: copied at once
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            if (needsEscape(c)) {
                out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                        .append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
    }

    private static boolean needsEscape(char c) {
        return c == '\\' || c == '=' || Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
