package org.eecs.adapter.in.fhir;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.in.SharingAuditTrail.Paging;
import org.eecs.application.port.out.AuditTrailSearch.Order;
import org.eecs.application.port.records.TimeRange;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.Role;
import org.springframework.util.MultiValueMap;

/**
 * An AuditEvent search's parameters as the audit filter and page they ask for: {@code _id} (the sequence number),
 * {@code date} and {@code _lastUpdated} (the event's time, with the prefixes of every date search), {@code patient},
 * {@code altid} (who acted), {@code agent-role}, {@code action} and {@code outcome}, each with one value (the trail
 * is searched by one value per criterion); {@code date} may be given twice for a range. Any other parameter, or
 * alternatives separated by commas, are refused (400). A code no event can have matches nothing.
 */
record FhirAuditSearch(AuditFilter filter, Paging paging) {

    static final Set<String> PARAMETERS = Set.of("_id", "date", "_lastUpdated", "patient", "altid", "agent-role",
            "action", "outcome");
    private static final Set<String> PAGING = Set.of("_count", "_sort", "_format", FhirSearch.AFTER,
            FhirSearch.BEFORE);
    private static final Map<String, AuditAction> ACTIONS = Map.of("C", AuditAction.CREATE, "R", AuditAction.READ,
            "U", AuditAction.UPDATE, "D", AuditAction.DELETE, "E", AuditAction.EXECUTE);
    private static final Map<String, AuditOutcome> OUTCOMES = Map.of("0", AuditOutcome.SUCCESS,
            "4", AuditOutcome.DENIED, "8", AuditOutcome.FAILURE);

    static FhirAuditSearch parse(MultiValueMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!PARAMETERS.contains(name) && !PAGING.contains(name)) {
                throw FhirRequestProblem.invalid("unknown search parameter " + name + " for AuditEvent; the "
                        + "parameters here are " + String.join(", ", PARAMETERS.stream().sorted().toList())
                        + ", _count and _sort");
            }
            if (parameter.getValue().size() > 1 && !name.equals("date") && !name.equals("_lastUpdated")) {
                throw FhirRequestProblem.invalid(name + " may be given once");
            }
            if (PARAMETERS.contains(name) && parameter.getValue().stream().anyMatch(value -> value.contains(","))) {
                throw FhirRequestProblem.notSupported(name + ": alternatives are not offered for AuditEvent; "
                        + "give one value");
            }
        }
        AuditFilter filter = AuditFilter.all();
        boolean matchesNothing = false;
        TimeRange times = TimeRange.ALL;
        for (String name : List.of("date", "_lastUpdated")) {
            for (String value : parameters.getOrDefault(name, List.of())) {
                times = times.and(FhirSearch.range(name, value));
            }
        }
        filter = filter.withTimes(times.from(), times.to());
        String id = FhirSearch.single(parameters, "_id");
        if (id != null) {
            Optional<Long> sequence = sequence(id);
            matchesNothing = sequence.isEmpty();
            filter = filter.withSequences(sequence.orElse(null), sequence.orElse(null));
        }
        String patient = FhirSearch.single(parameters, "patient");
        if (patient != null) {
            filter = filter.withPatient(FhirSearch.patient("patient", patient));
        }
        String actor = FhirSearch.single(parameters, "altid");
        Optional<String> actorId = actor == null ? Optional.empty() : token(actor, FhirAuditEvents.ACTOR_SYSTEM);
        matchesNothing |= actor != null && actorId.isEmpty();
        String role = FhirSearch.single(parameters, "agent-role");
        Optional<Role> wanted = role == null ? Optional.empty()
                : token(role, FhirCodes.ROLE.url()).flatMap(FhirAuditSearch::role);
        matchesNothing |= role != null && wanted.isEmpty();
        filter = filter.withActor(actorId.orElse(null), wanted.orElse(null));
        AuditAction action = null;
        String actionCode = FhirSearch.single(parameters, "action");
        if (actionCode != null) {
            action = ACTIONS.get(actionCode);
            matchesNothing |= action == null;
        }
        AuditOutcome outcome = null;
        String outcomeCode = FhirSearch.single(parameters, "outcome");
        if (outcomeCode != null) {
            outcome = OUTCOMES.get(outcomeCode);
            matchesNothing |= outcome == null;
        }
        filter = filter.withAction(action, outcome);
        if (matchesNothing) {
            filter = filter.withSequences(1L, 0L);
        }
        return new FhirAuditSearch(filter, new Paging(page(parameters, FhirSearch.AFTER),
                page(parameters, FhirSearch.BEFORE), FhirSearch.count(parameters), order(parameters)));
    }

    private static Order order(MultiValueMap<String, String> parameters) {
        String sort = FhirSearch.single(parameters, "_sort");
        if (sort == null || sort.equals("date") || sort.equals("_lastUpdated")) {
            return Order.OLDEST_FIRST;
        }
        if (sort.equals("-date") || sort.equals("-_lastUpdated")) {
            return Order.NEWEST_FIRST;
        }
        throw FhirRequestProblem.notSupported("_sort " + sort + " is not offered: sort by date or -date");
    }

    private static Long page(MultiValueMap<String, String> parameters, String name) {
        String value = FhirSearch.single(parameters, name);
        if (value == null) {
            return null;
        }
        return sequence(value).orElseThrow(() -> FhirRequestProblem.invalid(name + " is not a page link of this "
                + "server"));
    }

    /** An AuditEvent's id as the event's sequence number; empty when it cannot be one. */
    static Optional<Long> sequence(String id) {
        return id.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(id)) : Optional.empty();
    }

    /** The code of a token {@code [system|]code}; empty when a system other than ours is named. */
    private static Optional<String> token(String value, String system) {
        int bar = value.indexOf('|');
        if (bar < 0) {
            return Optional.of(value);
        }
        return bar == 0 || value.substring(0, bar).equals(system) ? Optional.of(value.substring(bar + 1))
                : Optional.empty();
    }

    private static Optional<Role> role(String code) {
        for (Role role : Role.values()) {
            if (FhirCodes.code(role).equals(code)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
