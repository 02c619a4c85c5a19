package org.eecs.adapter.in.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.Role;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.Modality;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/**
 * The codes our FHIR resources carry. Standard ones where one exists: HL7's observation categories ({@code exam}
 * for what the robot observed, {@code survey} for what the patient answered), SNOMED CT 106126000 "Emotional state
 * finding" beside our own emotion-estimate code, LOINC 59284-0 for the consent document, HL7's consent scope and
 * policy codes. Where none exists (the emotion classes of our models, the care-experience rating on the study's
 * Likert scale, our consent scopes), our own code systems, each served at {@code /fhir/CodeSystem/{id}}.
 */
final class FhirCodes {

    static final String CANONICAL_PREFIX = "urn:eecs:fhir:CodeSystem:";

    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String SNOMED = "http://snomed.info/sct";
    static final String EMOTIONAL_STATE_FINDING = "106126000";
    static final String LOINC = "http://loinc.org";
    static final String CONSENT_DOCUMENT = "59284-0";
    static final String CONSENT_SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String LANGUAGE = "urn:ietf:bcp:47";

    /** What an observation is: one code per kind of emotion estimate, and the care-experience rating. */
    static final OurCodeSystem OBSERVATION_CODE = new OurCodeSystem("eecs-observation", "EecsObservationCode",
            "What an EECS observation is: an emotion estimate by the source it was made from, or the patient's "
                    + "rating of a care session",
            concepts(
                    "emotion-face", "Emotion estimate from facial expression",
                    "emotion-speech-text", "Emotion estimate from the words spoken",
                    "emotion-fused", "Emotion estimate fused from face and speech",
                    "care-experience-rating", "Care experience rating (1 poor to 5 excellent)",
                    "confidence", "The estimating model's confidence in its estimate"));

    /** The emotion classes of our models: the care states, and the classes of the facial expression model. */
    static final OurCodeSystem EMOTION_CLASS = new OurCodeSystem("eecs-emotion-class", "EecsEmotionClass",
            "The emotion classes EECS models estimate probabilities for: the care states (anxiety, sadness, anger, "
                    + "fear, frustration, neutral, positive) and the facial expression classes",
            emotionClasses());

    static final OurCodeSystem CONSENT_SCOPE = new OurCodeSystem("eecs-consent-scope", "EecsConsentScope",
            "What a patient consents to in EECS, each separately", consentScopes());

    /** What an audit event records was done: the actions of our audit trail, finer than AuditEvent.action. */
    static final OurCodeSystem AUDIT_ACTION = new OurCodeSystem("eecs-audit-action", "EecsAuditAction",
            "What an EECS audit event records was done to the entity it names",
            concepts(
                    "create", "Create",
                    "read", "Read (a record, or a search)",
                    "update", "Update",
                    "delete", "Delete",
                    "execute", "Execute (an operation, such as an export or a verification)",
                    "login", "Log in"));

    /** The capacity in which someone or something acted in EECS. */
    static final OurCodeSystem ROLE = new OurCodeSystem("eecs-role", "EecsRole",
            "The capacity in which someone or something acted in EECS: it decides what they may see",
            concepts(
                    "clinician", "Clinician (a care team's patients)",
                    "auditor", "Auditor (the audit trail)",
                    "integration", "The hospital's information system",
                    "robot", "Care robot",
                    "admin", "Administrator",
                    "system", "EECS itself (a background job)",
                    "monitoring", "Metrics scraping (Prometheus)",
                    "anonymous", "Someone who proved no identity"));

    static final List<OurCodeSystem> ALL = List.of(OBSERVATION_CODE, EMOTION_CLASS, CONSENT_SCOPE, AUDIT_ACTION, ROLE);

    private FhirCodes() {
    }

    static String observationCode(Modality modality) {
        return switch (modality) {
            case FACE -> "emotion-face";
            case SPEECH_TEXT -> "emotion-speech-text";
            case FUSED -> "emotion-fused";
        };
    }

    static Optional<Modality> modalityOf(String code) {
        for (Modality modality : Modality.values()) {
            if (observationCode(modality).equals(code)) {
                return Optional.of(modality);
            }
        }
        return Optional.empty();
    }

    static String code(AuditAction action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    static String code(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    static String scopeCode(ConsentScope scope) {
        return scope.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<ConsentScope> scopeOf(String code) {
        for (ConsentScope scope : ConsentScope.values()) {
            if (scopeCode(scope).equals(code)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    static Optional<OurCodeSystem> byId(String id) {
        return ALL.stream().filter(system -> system.id().equals(id)).findFirst();
    }

    /** One of our code systems: its id (also the last part of its URL), its concepts and their displays. */
    record OurCodeSystem(String id, String name, String description, Map<String, String> concepts) {

        String url() {
            return CANONICAL_PREFIX + id;
        }

        Coding coding(String code) {
            return new Coding(url(), code, concepts.get(code));
        }

        CodeSystem resource() {
            CodeSystem system = new CodeSystem();
            system.setId(id);
            system.setUrl(url());
            system.setVersion("1");
            system.setName(name);
            system.setTitle(description.split(":")[0]);
            system.setStatus(PublicationStatus.ACTIVE);
            system.setDescription(description);
            system.setCaseSensitive(true);
            // the emotion classes are those of our present models; another model may bring others
            system.setContent(id.equals("eecs-emotion-class") ? CodeSystem.CodeSystemContentMode.FRAGMENT
                    : CodeSystem.CodeSystemContentMode.COMPLETE);
            system.setCount(concepts.size());
            concepts.forEach((code, display) -> system.addConcept().setCode(code).setDisplay(display));
            return system;
        }
    }

    private static Map<String, String> concepts(String... codesAndDisplays) {
        Map<String, String> concepts = new LinkedHashMap<>();
        for (int i = 0; i < codesAndDisplays.length; i += 2) {
            concepts.put(codesAndDisplays[i], codesAndDisplays[i + 1]);
        }
        return concepts;
    }

    private static Map<String, String> emotionClasses() {
        Map<String, String> concepts = new LinkedHashMap<>();
        for (CareState state : CareState.values()) {
            concepts.put(state.className(), capitalised(state.className()));
        }
        // the facial expression model's classes (FER2013), see docs/recognition.md
        for (String expression : List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")) {
            concepts.putIfAbsent(expression, capitalised(expression));
        }
        return concepts;
    }

    private static Map<String, String> consentScopes() {
        Map<String, String> concepts = new LinkedHashMap<>();
        for (ConsentScope scope : ConsentScope.values()) {
            concepts.put(scopeCode(scope), capitalised(scope.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        }
        return concepts;
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
