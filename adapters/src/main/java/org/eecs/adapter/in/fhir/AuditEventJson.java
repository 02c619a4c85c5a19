package org.eecs.adapter.in.fhir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import org.eecs.adapter.text.Utf8Out;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.Role;

/**
 * An audit event's AuditEvent resource written straight as JSON, the same JSON, field for field and byte for byte,
 * as HAPI encodes {@link FhirAuditEvents#of} (held so by {@code AuditEventJsonTest}, which parses it with HAPI and
 * compares): an export writes a million, and building and encoding HAPI's object model for each was most of its
 * time. {@link FhirAuditEvents} stays the description of the mapping, and serves the FHIR API's reads.
 */
final class AuditEventJson {

    private static final byte[] OPEN = ascii("{\"resourceType\":\"AuditEvent\",\"id\":\"");
    private static final byte[] META = ascii("\",\"meta\":{\"versionId\":\"1\",\"lastUpdated\":\"");
    private static final byte[] CHAIN = ascii("\"},\"extension\":[{\"url\":\"" + FhirAuditEvents.CHAIN
            + "\",\"extension\":[{\"url\":\"previousHash\",\"valueString\":\"");
    private static final byte[] HASH = ascii("\"},{\"url\":\"hash\",\"valueString\":\"");
    private static final byte[] EMPTY = ascii(",{\"url\":\"empty\",\"valueString\":\"");
    private static final byte[] TYPE_REST = ascii("]}],\"type\":" + coding(FhirAuditEvents.EVENT_TYPE, "rest",
            "RESTful Operation") + ",\"subtype\":[");
    private static final byte[] TYPE_LOGIN = ascii("]}],\"type\":" + coding(FhirAuditEvents.DICOM, "110114",
            "User Authentication") + ",\"subtype\":[");
    private static final Map<AuditAction, byte[]> SUBTYPE_AND_ACTION = new EnumMap<>(AuditAction.class);
    private static final byte[] RECORDED = ascii(",\"recorded\":\"");
    private static final byte[] SUCCESS = ascii("\",\"outcome\":\"0\"");
    private static final byte[] DENIED = ascii("\",\"outcome\":\"4\",\"outcomeDesc\":\"access denied\"");
    private static final byte[] FAILURE = ascii("\",\"outcome\":\"8\",\"outcomeDesc\":\"failed\"");
    private static final byte[] PURPOSE = ascii(",\"purposeOfEvent\":[{\"text\":");
    private static final byte[] AGENT = ascii(",\"agent\":[{\"role\":[{\"coding\":[");
    private static final Map<Role, byte[]> ROLE_CODING = new EnumMap<>(Role.class);
    private static final byte[] WHO = ascii("]}],\"who\":{\"identifier\":{\"system\":\"" + FhirAuditEvents.ACTOR_SYSTEM
            + "\",\"value\":");
    private static final byte[] ALT_ID = ascii("}},\"altId\":");
    private static final byte[] REQUESTOR = ascii(",\"requestor\":true");
    private static final byte[] NETWORK = ascii(",\"network\":{\"address\":");
    private static final byte[] MACHINE_NAME = ascii(",\"type\":\"1\"}");
    private static final byte[] IP_ADDRESS = ascii(",\"type\":\"2\"}");
    private static final byte[] SOURCE_AND_ENTITY = ascii("}],\"source\":{\"observer\":{\"identifier\":{\"system\":\""
            + FhirAuditEvents.SERVER_SYSTEM + "\",\"value\":\"eecs\"},\"display\":\"EECS\"},\"type\":["
            + coding(FhirAuditEvents.SOURCE_TYPE, "4", "Application Server") + "]},\"entity\":[{\"what\":{"
            + "\"identifier\":{\"system\":\"" + FhirAuditEvents.ENTITY_SYSTEM_PREFIX);
    private static final byte[] ENTITY_VALUE = ascii("\",\"value\":");
    private static final byte[] PERSON_PATIENT = ascii("}},\"type\":"
            + coding(FhirAuditEvents.ENTITY_TYPE, "1", "Person") + ",\"role\":"
            + coding(FhirAuditEvents.OBJECT_ROLE, "1", "Patient") + "}");
    private static final byte[] SYSTEM_OBJECT = ascii("}},\"type\":"
            + coding(FhirAuditEvents.ENTITY_TYPE, "2", "System Object") + ",\"role\":"
            + coding(FhirAuditEvents.OBJECT_ROLE, "4", "Domain Resource") + "}");
    private static final byte[] PATIENT = ascii(",{\"what\":{\"reference\":\"Patient/");
    private static final byte[] PATIENT_END = ascii("\"},\"type\":" + coding(FhirAuditEvents.ENTITY_TYPE, "1",
            "Person") + ",\"role\":" + coding(FhirAuditEvents.OBJECT_ROLE, "1", "Patient") + "}");
    private static final byte[] REQUEST = ascii(",{\"what\":{\"identifier\":{\"system\":\""
            + FhirAuditEvents.REQUEST_ID_SYSTEM + "\",\"value\":");
    private static final byte[] REQUEST_END = ascii("}},\"type\":" + coding(FhirAuditEvents.BALP_ENTITY_TYPE,
            "XrequestId", "X-Request-Id") + "}");
    private static final byte[] CLOSE = ascii("]}");

    static {
        for (AuditAction action : AuditAction.values()) {
            String code = switch (action) {
                case CREATE -> "C";
                case READ -> "R";
                case UPDATE -> "U";
                case DELETE -> "D";
                case EXECUTE, LOGIN -> "E";
            };
            SUBTYPE_AND_ACTION.put(action, ascii(
                    coding(FhirCodes.AUDIT_ACTION.coding(FhirCodes.code(action))) + "],\"action\":\"" + code + "\""));
        }
        for (Role role : Role.values()) {
            ROLE_CODING.put(role, ascii(coding(FhirCodes.ROLE.coding(FhirCodes.code(role)))));
        }
    }

    private AuditEventJson() {
    }

    /** The resource of one event, as HAPI's JSON parser (not pretty-printed) encodes it. */
    static void write(Utf8Out out, ChainedAuditEvent chained) {
        AuditEvent event = chained.event();
        out.raw(OPEN).number(chained.sequence()).raw(META);
        lastUpdated(out, event.at());
        out.raw(CHAIN).ascii(chained.previousHash()).raw(HASH).ascii(chained.hash()).ascii('"').ascii('}');
        // fields holding empty text, in the order FhirAuditEvents names them
        empty(out, event.purpose(), "purpose");
        empty(out, event.sourceAddress(), "sourceAddress");
        empty(out, event.requestId(), "requestId");
        out.raw(event.action() == AuditAction.LOGIN ? TYPE_LOGIN : TYPE_REST)
                .raw(SUBTYPE_AND_ACTION.get(event.action())).raw(RECORDED)
                .ascii(AuditEvent.canonicalTime(event.at()));
        out.raw(switch (event.outcome()) {
            case SUCCESS -> SUCCESS;
            case DENIED -> DENIED;
            case FAILURE -> FAILURE;
        });
        if (present(event.purpose())) {
            out.raw(PURPOSE).jsonString(event.purpose()).ascii('}').ascii(']');
        }
        out.raw(AGENT).raw(ROLE_CODING.get(event.actor().role())).raw(WHO).jsonString(event.actor().id())
                .raw(ALT_ID).jsonString(event.actor().id()).raw(REQUESTOR);
        if (present(event.sourceAddress())) {
            out.raw(NETWORK).jsonString(event.sourceAddress())
                    .raw(isIpAddress(event.sourceAddress()) ? IP_ADDRESS : MACHINE_NAME);
        }
        out.raw(SOURCE_AND_ENTITY).ascii(event.entity().type()).raw(ENTITY_VALUE).jsonString(event.entity().id())
                .raw(event.entity().type().equals("Patient") ? PERSON_PATIENT : SYSTEM_OBJECT);
        if (event.patient() != null) {
            out.raw(PATIENT).ascii(event.patient().toString()).raw(PATIENT_END);
        }
        if (present(event.requestId())) {
            out.raw(REQUEST).jsonString(event.requestId()).raw(REQUEST_END);
        }
        out.raw(CLOSE);
    }

    /**
     * Meta's lastUpdated as HAPI writes an {@code InstantType} made from a {@code Date} at millisecond precision: in
     * the JVM's default time zone, with its offset ({@code +00:00}, never {@code Z}).
     */
    private static void lastUpdated(Utf8Out out, Instant at) {
        Instant millis = at.truncatedTo(ChronoUnit.MILLIS);
        ZoneOffset offset = ZoneId.systemDefault().getRules().getOffset(millis);
        LocalDateTime local = LocalDateTime.ofEpochSecond(millis.getEpochSecond(), millis.getNano(), offset);
        digits(out, local.getYear(), 4).ascii('-');
        digits(out, local.getMonthValue(), 2).ascii('-');
        digits(out, local.getDayOfMonth(), 2).ascii('T');
        digits(out, local.getHour(), 2).ascii(':');
        digits(out, local.getMinute(), 2).ascii(':');
        digits(out, local.getSecond(), 2).ascii('.');
        digits(out, local.getNano() / 1_000_000, 3);
        int seconds = offset.getTotalSeconds();
        out.ascii(seconds < 0 ? '-' : '+');
        digits(out, Math.abs(seconds) / 3600, 2).ascii(':');
        digits(out, Math.abs(seconds) / 60 % 60, 2);
    }

    private static Utf8Out digits(Utf8Out out, int value, int width) {
        for (int divisor = (int) Math.pow(10, width - 1); divisor > 0; divisor /= 10) {
            out.ascii((char) ('0' + value / divisor % 10));
        }
        return out;
    }

    private static void empty(Utf8Out out, String value, String field) {
        if (value != null && value.isEmpty()) {
            out.raw(EMPTY).ascii(field).ascii('"').ascii('}');
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    /** {@code [0-9.]+} or {@code [0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*}: an IPv4 or IPv6 address (as FhirAuditEvents). */
    static boolean isIpAddress(String address) {
        boolean decimal = !address.isEmpty();
        boolean hex = true;
        boolean colon = false;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            boolean digitOrDot = c >= '0' && c <= '9' || c == '.';
            decimal &= digitOrDot;
            colon |= c == ':';
            hex &= digitOrDot || c == ':' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
        }
        return decimal || hex && colon;
    }

    private static String coding(org.hl7.fhir.r4.model.Coding coding) {
        return coding(coding.getSystem(), coding.getCode(), coding.getDisplay());
    }

    private static String coding(String system, String code, String display) {
        return "{\"system\":" + json(system) + ",\"code\":" + json(code) + ",\"display\":" + json(display) + "}";
    }

    private static String json(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Utf8Out out = new Utf8Out(bytes);
        out.jsonString(text).flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
