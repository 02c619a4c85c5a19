package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Calendar;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eecs.application.port.records.Keyset;
import org.eecs.application.port.records.RecordCriteria;
import org.eecs.application.port.records.RecordSearch;
import org.eecs.application.port.records.RecordType;
import org.eecs.application.port.records.TimeRange;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.consent.ConsentStatus;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.patient.HospitalIdentifier;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;
import org.hl7.fhir.r4.model.DateTimeType;
import org.springframework.util.MultiValueMap;

/**
 * A FHIR search's parameters as the care-record search they ask for. Each resource type takes {@code _id},
 * {@code _lastUpdated}, {@code _count}, {@code _sort} ({@code _lastUpdated} or {@code -_lastUpdated}) and its own
 * parameters; any other parameter is refused (400), never silently ignored. Values separated by commas are
 * alternatives; a parameter repeated must hold each time. Pages continue from a keyset carried in the
 * {@code _after} or {@code _before} of the {@code next} and {@code previous} links.
 */
final class FhirSearch {

    static final String AFTER = "_after";
    static final String BEFORE = "_before";
    private static final Set<String> COMMON = Set.of("_id", "_lastUpdated", "_count", "_sort", "_format", AFTER,
            BEFORE);
    /** The search parameters of each resource type, besides the common ones. */
    static final Map<String, Set<String>> PARAMETERS = Map.of(
            "Patient", Set.of("identifier"),
            "Encounter", Set.of("patient", "subject", "date", "status", "_include"),
            "Observation", Set.of("patient", "subject", "encounter", "date", "code", "category", "status",
                    "_include"),
            "Consent", Set.of("patient", "date", "status", "_include"),
            "Device", Set.of());

    private final String resourceType;
    private final MultiValueMap<String, String> parameters;
    private final EnumSet<RecordType> types;
    private Set<String> ids;
    private Set<PatientId> patients;
    private Set<CareSessionId> sessions;
    private TimeRange lastUpdated = TimeRange.ALL;
    private TimeRange date = TimeRange.ALL;
    private Set<SessionState> states;
    private Set<ConsentStatus> consentStatuses;
    private Set<Modality> modalities;
    private Set<HospitalIdentifier> identifiers;
    private Set<String> identifierValues;

    private FhirSearch(String resourceType, MultiValueMap<String, String> parameters) {
        this.resourceType = resourceType;
        this.parameters = parameters;
        this.types = EnumSet.copyOf(typesOf(resourceType));
    }

    /** The kinds of record a resource type is made of. */
    static Set<RecordType> typesOf(String resourceType) {
        return switch (resourceType) {
            case "Patient" -> Set.of(RecordType.PATIENT);
            case "Encounter" -> Set.of(RecordType.CARE_SESSION);
            case "Observation" -> Set.of(RecordType.EMOTION_OBSERVATION, RecordType.CARE_EXPERIENCE_RATING);
            case "Consent" -> Set.of(RecordType.CONSENT);
            case "Device" -> Set.of(RecordType.ROBOT);
            default -> throw FhirRequestProblem.notFound("this server has no resource type " + resourceType
                    + "; it serves " + String.join(", ", PARAMETERS.keySet().stream().sorted().toList()));
        };
    }

    static RecordSearch parse(String resourceType, MultiValueMap<String, String> parameters) {
        return new FhirSearch(resourceType, parameters).search();
    }

    private RecordSearch search() {
        Set<String> allowed = PARAMETERS.get(resourceType);
        for (String name : parameters.keySet()) {
            if (!COMMON.contains(name) && !allowed.contains(name)) {
                throw FhirRequestProblem.invalid("unknown search parameter " + name + " for " + resourceType
                        + "; the parameters here are " + String.join(", ", sorted(allowed)));
            }
        }
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                apply(parameter.getKey(), value);
            }
        }
        RecordCriteria criteria = new RecordCriteria(orNone(ids), orNone(patients), orNone(sessions), lastUpdated,
                date, orNone(states), orNone(consentStatuses), orNone(modalities), orNone(identifiers),
                orNone(identifierValues), null);
        return new RecordSearch(types, criteria, descending(), keyset(AFTER), keyset(BEFORE), count(),
                includesPatients());
    }

    private void apply(String name, String value) {
        switch (name) {
            case "_id" -> ids = and(ids, split(value, Function.identity()));
            case "_lastUpdated" -> lastUpdated = lastUpdated.and(range(name, value));
            case "date" -> date = date.and(range(name, value));
            case "patient", "subject" -> patients = and(patients, split(value, id -> patient(name, id)));
            case "encounter" -> sessions = and(sessions, split(value, id -> session(name, id)));
            case "identifier" -> identifier(value);
            case "status" -> status(value);
            case "code" -> code(value);
            case "category" -> category(value);
            default -> {
                // _count, _sort, _include, _format and the keysets are read on their own
            }
        }
    }

    private void identifier(String value) {
        Set<HospitalIdentifier> exact = new HashSet<>();
        Set<String> anySystem = new HashSet<>();
        for (String token : value.split(",")) {
            int bar = token.indexOf('|');
            if (bar < 0) {
                anySystem.add(token);
            } else if (bar == 0 || bar == token.length() - 1) {
                throw FhirRequestProblem.invalid("identifier " + token + ": give system|value or a value alone");
            } else {
                try {
                    exact.add(new HospitalIdentifier(token.substring(0, bar), token.substring(bar + 1)));
                } catch (DomainViolation notAnIdentifier) {
                    throw FhirRequestProblem.invalid("identifier " + token + ": " + notAnIdentifier.getMessage());
                }
            }
        }
        if (!exact.isEmpty() && !anySystem.isEmpty()) {
            throw FhirRequestProblem.notSupported("identifier: give every alternative with its system, or none");
        }
        if (!exact.isEmpty()) {
            identifiers = and(identifiers, exact);
        } else {
            identifierValues = and(identifierValues, anySystem);
        }
    }

    private void status(String value) {
        Set<String> codes = split(value, Function.identity());
        switch (resourceType) {
            case "Encounter" -> {
                Set<SessionState> wanted = EnumSet.noneOf(SessionState.class);
                for (String code : codes) {
                    switch (code) {
                        case "planned" -> wanted.add(SessionState.SCHEDULED);
                        case "in-progress" -> wanted.add(SessionState.IN_PROGRESS);
                        case "finished" -> wanted.addAll(Set.of(SessionState.COMPLETED, SessionState.ABORTED));
                        case "cancelled" -> wanted.add(SessionState.CANCELLED);
                        default -> {
                            // a status no care session has
                        }
                    }
                }
                states = and(states, wanted);
                if (wanted.isEmpty()) {
                    types.clear();
                }
            }
            case "Consent" -> {
                Set<ConsentStatus> wanted = EnumSet.noneOf(ConsentStatus.class);
                codes.forEach(code -> {
                    if (code.equals("active")) {
                        wanted.add(ConsentStatus.GRANTED);
                    } else if (code.equals("inactive")) {
                        wanted.add(ConsentStatus.WITHDRAWN);
                    }
                });
                consentStatuses = and(consentStatuses, wanted);
                if (wanted.isEmpty()) {
                    types.clear();
                }
            }
            default -> {
                // an emotion estimate is final; a rating replaced by a later one is amended
                Set<RecordType> matching = EnumSet.noneOf(RecordType.class);
                if (codes.contains("final")) {
                    matching.addAll(types);
                } else if (codes.contains("amended")) {
                    matching.add(RecordType.CARE_EXPERIENCE_RATING);
                }
                types.retainAll(matching);
            }
        }
    }

    private void code(String value) {
        Set<RecordType> matching = EnumSet.noneOf(RecordType.class);
        Set<Modality> wanted = EnumSet.noneOf(Modality.class);
        for (String token : value.split(",")) {
            int bar = token.indexOf('|');
            String system = bar < 0 ? null : token.substring(0, bar);
            String code = bar < 0 ? token : token.substring(bar + 1);
            boolean ours = system == null || system.equals(FhirCodes.OBSERVATION_CODE.url());
            boolean snomed = system == null || system.equals(FhirCodes.SNOMED);
            if (ours && code.equals("care-experience-rating")) {
                matching.add(RecordType.CARE_EXPERIENCE_RATING);
            } else if (ours && FhirCodes.modalityOf(code).isPresent()) {
                matching.add(RecordType.EMOTION_OBSERVATION);
                wanted.add(FhirCodes.modalityOf(code).get());
            } else if (snomed && code.equals(FhirCodes.EMOTIONAL_STATE_FINDING)) {
                matching.add(RecordType.EMOTION_OBSERVATION);
                wanted.addAll(EnumSet.allOf(Modality.class));
            }
        }
        types.retainAll(matching);
        if (!wanted.isEmpty() && !wanted.containsAll(EnumSet.allOf(Modality.class))) {
            modalities = and(modalities, wanted);
        }
    }

    private void category(String value) {
        Set<RecordType> matching = EnumSet.noneOf(RecordType.class);
        for (String token : value.split(",")) {
            int bar = token.indexOf('|');
            String system = bar < 0 ? null : token.substring(0, bar);
            String code = bar < 0 ? token : token.substring(bar + 1);
            if (system == null || system.equals(FhirCodes.OBSERVATION_CATEGORY)) {
                if (code.equals("exam")) {
                    matching.add(RecordType.EMOTION_OBSERVATION);
                } else if (code.equals("survey")) {
                    matching.add(RecordType.CARE_EXPERIENCE_RATING);
                }
            }
        }
        types.retainAll(matching);
    }

    private boolean descending() {
        String sort = single("_sort");
        if (sort == null || sort.equals("_lastUpdated")) {
            return false;
        }
        if (sort.equals("-_lastUpdated")) {
            return true;
        }
        throw FhirRequestProblem.notSupported("_sort " + sort + " is not offered: sort by _lastUpdated or "
                + "-_lastUpdated");
    }

    private int count() {
        return count(parameters);
    }

    /** {@code _count}: from 1 to {@value RecordSearch#MAX_COUNT}, {@value RecordSearch#DEFAULT_COUNT} if not given. */
    static int count(MultiValueMap<String, String> parameters) {
        String count = single(parameters, "_count");
        if (count == null) {
            return RecordSearch.DEFAULT_COUNT;
        }
        try {
            int value = Integer.parseInt(count);
            if (value >= 1 && value <= RecordSearch.MAX_COUNT) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw FhirRequestProblem.invalid("_count must be from 1 to " + RecordSearch.MAX_COUNT + ", got " + count);
    }

    private boolean includesPatients() {
        List<String> includes = parameters.getOrDefault("_include", List.of());
        for (String include : includes) {
            boolean patient = include.equals(resourceType + ":patient")
                    || (!resourceType.equals("Consent") && include.equals(resourceType + ":subject"));
            if (!patient) {
                throw FhirRequestProblem.notSupported("_include " + include + " is not offered; "
                        + resourceType + ":patient is");
            }
        }
        return !includes.isEmpty();
    }

    private Keyset keyset(String name) {
        String token = single(name);
        return token == null ? null : decode(name, token);
    }

    private String single(String name) {
        return single(parameters, name);
    }

    /** The one value of a parameter that may be given once; null when it is not given. */
    static String single(MultiValueMap<String, String> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw FhirRequestProblem.invalid(name + " may be given once");
        }
        return values.get(0);
    }

    /** The opaque token of a place in the listing: the keyset, base64url-encoded. */
    static String encode(Keyset keyset) {
        String text = keyset.lastUpdated().getEpochSecond() + "." + keyset.lastUpdated().getNano() + "|" + keyset.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Keyset decode(String name, String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            String[] time = text.substring(0, bar).split("\\.");
            return new Keyset(Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])),
                    text.substring(bar + 1));
        } catch (RuntimeException notOurs) {
            throw FhirRequestProblem.invalid(name + " is not a page link of this server");
        }
    }

    /**
     * A date search value with its prefix as the instants it stands for: a value means the whole of its precision
     * (2026-11 is all of November), so {@code ge} starts at its start, {@code gt} after its end, {@code le} ends
     * after its end, {@code lt} before its start, {@code eq} (the default) covers it.
     */
    static TimeRange range(String name, String value) {
        String prefix = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(0, 2) : "eq";
        String date = prefix.equals("eq") && !value.startsWith("eq") ? value : value.substring(2);
        DateTimeType parsed;
        try {
            parsed = new DateTimeType(date);
        } catch (DataFormatException | IllegalArgumentException notADate) {
            throw FhirRequestProblem.invalid(name + " " + value + " is not a FHIR date or dateTime");
        }
        if (parsed.getValue() == null) { // a prefix alone, such as date=eq: HAPI reads no date and says nothing
            throw FhirRequestProblem.invalid(name + " " + value + " names no date after its prefix");
        }
        Instant start = parsed.getValue().toInstant();
        Calendar end = parsed.getValueAsCalendar();
        end.add(calendarField(parsed.getPrecision()), 1);
        Instant after = end.toInstant();
        return switch (prefix) {
            case "eq" -> new TimeRange(start, after);
            case "ge" -> new TimeRange(start, null);
            case "gt" -> new TimeRange(after, null);
            case "le" -> new TimeRange(null, after);
            case "lt" -> new TimeRange(null, start);
            default -> throw FhirRequestProblem.notSupported(name + ": the prefix " + prefix + " is not offered; "
                    + "use eq, ge, gt, le or lt");
        };
    }

    private static int calendarField(TemporalPrecisionEnum precision) {
        return switch (precision) {
            case YEAR -> Calendar.YEAR;
            case MONTH -> Calendar.MONTH;
            case DAY -> Calendar.DATE;
            case MINUTE -> Calendar.MINUTE;
            case SECOND -> Calendar.SECOND;
            case MILLI -> Calendar.MILLISECOND;
        };
    }

    static PatientId patient(String name, String reference) {
        String id = reference.startsWith("Patient/") ? reference.substring("Patient/".length()) : reference;
        try {
            return PatientId.of(id);
        } catch (DomainViolation notAnId) {
            throw FhirRequestProblem.invalid(name + " " + reference + " is not a reference to a Patient of this server");
        }
    }

    private static CareSessionId session(String name, String reference) {
        String id = reference.startsWith("Encounter/") ? reference.substring("Encounter/".length()) : reference;
        try {
            return CareSessionId.of(id);
        } catch (DomainViolation notAnId) {
            throw FhirRequestProblem.invalid(name + " " + reference
                    + " is not a reference to an Encounter of this server");
        }
    }

    private static <T> Set<T> split(String value, Function<String, T> each) {
        Set<T> values = new LinkedHashSet<>();
        for (String token : value.split(",")) {
            if (token.isBlank()) {
                throw FhirRequestProblem.invalid("an empty value in \"" + value + "\"");
            }
            values.add(each.apply(token.strip()));
        }
        return values;
    }

    /** Both conditions must hold: what is in both sets (an empty result matches nothing). */
    private <T> Set<T> and(Set<T> before, Set<T> next) {
        if (before == null) {
            return next;
        }
        Set<T> both = new HashSet<>(before);
        both.retainAll(next);
        if (both.isEmpty()) {
            types.clear();
        }
        return both;
    }

    private static <T> Set<T> orNone(Set<T> values) {
        return values == null ? Set.of() : values;
    }

    private static List<String> sorted(Set<String> names) {
        List<String> all = new ArrayList<>(COMMON);
        all.remove(AFTER);
        all.remove(BEFORE);
        all.addAll(names);
        return all.stream().sorted().toList();
    }
}
