package org.eecs.tools;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An AuditEvent resource of a FHIR Bundle export read back into the fields of the audit event it holds, from the
 * places docs/audit.md names (the mapping of the FHIR adapter's {@code FhirAuditEvents}): every field of the hashed
 * canonical form has one place, so a change to any of them breaks the event's hash.
 */
final class FhirAuditEvent {

    static final String CHAIN = "urn:eecs:fhir:StructureDefinition:audit-chain";
    private static final String ACTION_SYSTEM = "urn:eecs:fhir:CodeSystem:eecs-audit-action";
    private static final String ROLE_SYSTEM = "urn:eecs:fhir:CodeSystem:eecs-role";
    private static final String ENTITY_SYSTEM_PREFIX = "urn:eecs:entity:";
    private static final String REQUEST_ID_SYSTEM = "urn:eecs:request-id";
    private static final Map<String, String> OUTCOMES = Map.of("0", "SUCCESS", "4", "DENIED", "8", "FAILURE");

    private FhirAuditEvent() {
    }

    /** The event's fields under the names of {@link ExportedEvent#FIELDS}; absent ones are null. */
    static Map<String, String> fields(Object resource) {
        Map<String, Object> event = object(resource, "the entry's resource");
        if (!"AuditEvent".equals(event.get("resourceType"))) {
            throw new IllegalArgumentException("the resource is not an AuditEvent");
        }
        Map<String, String> fields = new HashMap<>();
        fields.put("sequence", text(event.get("id")));
        fields.put("occurredAt", text(event.get("recorded")));
        fields.put("action", upper(code(list(event.get("subtype")), ACTION_SYSTEM, "subtype")));
        fields.put("outcome", OUTCOMES.get(text(event.get("outcome"))));
        List<Object> purposes = list(event.get("purposeOfEvent"));
        if (!purposes.isEmpty()) {
            put(fields, "purpose", text(object(purposes.getFirst(), "purposeOfEvent").get("text")));
        }
        Map<String, Object> agent = null;
        for (Object each : list(event.get("agent"))) {
            if (Boolean.TRUE.equals(object(each, "agent").get("requestor"))) {
                if (agent != null) {
                    throw new IllegalArgumentException("more than one agent is the requestor");
                }
                agent = object(each, "agent");
            }
        }
        if (agent == null) {
            throw new IllegalArgumentException("no agent is the requestor");
        }
        fields.put("actorId", text(identifier(agent.get("who")).get("value")));
        List<Object> roles = list(agent.get("role"));
        fields.put("actorRole", upper(code(roles.isEmpty() ? List.of() : list(object(roles.getFirst(), "role")
                .get("coding")), ROLE_SYSTEM, "agent.role")));
        if (agent.get("network") != null) {
            put(fields, "sourceAddress", text(object(agent.get("network"), "network").get("address")));
        }
        for (Object each : list(event.get("entity"))) {
            Map<String, Object> what = object(object(each, "entity").get("what"), "entity.what");
            if (what.get("reference") instanceof String reference && reference.startsWith("Patient/")) {
                put(fields, "patient", reference.substring("Patient/".length()));
                continue;
            }
            Map<String, Object> identifier = identifier(what);
            String system = text(identifier.get("system"));
            if (system != null && system.startsWith(ENTITY_SYSTEM_PREFIX)) {
                put(fields, "entityType", system.substring(ENTITY_SYSTEM_PREFIX.length()));
                put(fields, "entityId", text(identifier.get("value")));
            } else if (REQUEST_ID_SYSTEM.equals(system)) {
                put(fields, "requestId", text(identifier.get("value")));
            }
        }
        for (Object each : list(event.get("extension"))) {
            Map<String, Object> extension = object(each, "extension");
            if (!CHAIN.equals(extension.get("url"))) {
                continue;
            }
            for (Object part : list(extension.get("extension"))) {
                Map<String, Object> value = object(part, "extension");
                switch (String.valueOf(value.get("url"))) {
                    case "previousHash" -> put(fields, "previousHash", text(value.get("valueString")));
                    case "hash" -> put(fields, "hash", text(value.get("valueString")));
                    // FHIR has no empty strings: a field holding empty text is named here instead
                    case "empty" -> put(fields, text(value.get("valueString")), "");
                    default -> throw new IllegalArgumentException("unknown part " + value.get("url")
                            + " of the chain extension");
                }
            }
        }
        return fields;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (!ExportedEvent.FIELDS.contains(name)) {
            throw new IllegalArgumentException("no field " + name + " in an audit event");
        }
        if (fields.get(name) != null) {
            throw new IllegalArgumentException("the event holds " + name + " twice");
        }
        fields.put(name, value);
    }

    /** The code of the first coding in our code system. */
    private static String code(List<Object> codings, String system, String where) {
        for (Object each : codings) {
            Map<String, Object> coding = object(each, where);
            if (system.equals(coding.get("system"))) {
                return text(coding.get("code"));
            }
        }
        throw new IllegalArgumentException(where + " holds no code of " + system);
    }

    private static Map<String, Object> identifier(Object reference) {
        return object(object(reference, "a reference").get("identifier"), "a reference's identifier");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(what + " is missing or not an object");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String upper(String code) {
        return code == null ? null : code.toUpperCase(Locale.ROOT);
    }
}
