package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.eecs.application.port.records.CareRecord.ConsentRecord;
import org.eecs.application.port.records.CareRecord.EmotionRecord;
import org.eecs.application.port.records.CareRecord.PatientRecord;
import org.eecs.application.port.records.CareRecord.RatingRecord;
import org.eecs.application.port.records.CareRecord.RobotRecord;
import org.eecs.application.port.records.CareRecord.SessionRecord;
import org.eecs.application.port.records.CareRecord;
import org.eecs.application.port.records.RecordType;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.consent.ConsentStatus;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.session.CareSession;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Our care records as FHIR R4 resources (HAPI's structures): Patient, Encounter (a care session), Observation (an
 * emotion estimate, or a care-experience rating), Consent and Device (a robot). References are relative
 * ({@code Patient/{id}}); every resource carries its version and time of last change in {@code meta}.
 */
final class FhirResources {

    /** How long recordings may be kept, on the provision that permits keeping them. */
    static final String RECORDING_RETENTION_EXTENSION = "urn:eecs:fhir:StructureDefinition:recording-retention";

    private FhirResources() {
    }

    /** The FHIR resource type a kind of record is shared as. */
    static String resourceType(RecordType type) {
        return switch (type) {
            case PATIENT -> "Patient";
            case CARE_SESSION -> "Encounter";
            case EMOTION_OBSERVATION, CARE_EXPERIENCE_RATING -> "Observation";
            case CONSENT -> "Consent";
            case ROBOT -> "Device";
        };
    }

    static Resource of(CareRecord record) {
        Resource resource = switch (record) {
            case PatientRecord patient -> patient(patient.value());
            case SessionRecord session -> encounter(session.value());
            case EmotionRecord emotion -> emotion(emotion);
            case RatingRecord rating -> rating(rating);
            case ConsentRecord consent -> consent(consent);
            case RobotRecord robot -> device(robot);
        };
        resource.setId(record.id());
        resource.getMeta().setVersionId(Long.toString(record.version()))
                .setLastUpdatedElement(new InstantType(Date.from(record.lastUpdated()), TemporalPrecisionEnum.MILLI));
        return resource;
    }

    private static org.hl7.fhir.r4.model.Patient patient(Patient patient) {
        org.hl7.fhir.r4.model.Patient resource = new org.hl7.fhir.r4.model.Patient();
        if (patient.hospitalIdentifier() != null) {
            resource.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.USUAL)
                    .setSystem(patient.hospitalIdentifier().system()).setValue(patient.hospitalIdentifier().value()));
        }
        resource.setActive(true);
        // the alias is a pseudonym, and says so
        resource.addName(new HumanName().setUse(HumanName.NameUse.ANONYMOUS).setText(patient.alias()));
        resource.setGender(switch (patient.gender()) {
            case FEMALE -> AdministrativeGender.FEMALE;
            case MALE -> AdministrativeGender.MALE;
            case OTHER -> AdministrativeGender.OTHER;
            case UNDISCLOSED -> AdministrativeGender.UNKNOWN;
        });
        resource.setBirthDateElement(new DateType(Integer.toString(patient.birthYear())));
        resource.addCommunication().setPreferred(true).setLanguage(new CodeableConcept(
                new Coding(FhirCodes.LANGUAGE, patient.preferredLanguage(), null)));
        return resource;
    }

    private static Encounter encounter(CareSession session) {
        Encounter resource = new Encounter();
        resource.setStatus(switch (session.state()) {
            case SCHEDULED -> Encounter.EncounterStatus.PLANNED;
            case IN_PROGRESS -> Encounter.EncounterStatus.INPROGRESS;
            case COMPLETED, ABORTED -> Encounter.EncounterStatus.FINISHED;
            case CANCELLED -> Encounter.EncounterStatus.CANCELLED;
        });
        resource.setClass_(new Coding(FhirCodes.ACT_CODE, "AMB", "ambulatory"));
        resource.addType().setText("Emotional care session with a humanoid robot");
        resource.setSubject(new Reference("Patient/" + session.patient()));
        Period period = new Period();
        if (session.startedAt() != null) {
            period.setStartElement(dateTime(session.startedAt()));
            if (session.endedAt() != null) {
                period.setEndElement(dateTime(session.endedAt()));
            }
        } else {
            // not started (scheduled, or cancelled before it began): the window it was planned for
            period.setStartElement(dateTime(session.window().start())).setEndElement(dateTime(session.window().end()));
        }
        resource.setPeriod(period);
        resource.addReasonCode().setText(session.careGoal());
        if (session.endReason() != null) {
            resource.getTypeFirstRep().setText(resource.getTypeFirstRep().getText() + " (ended early: "
                    + session.endReason() + ")");
        }
        return resource;
    }

    private static Observation emotion(EmotionRecord record) {
        EmotionObservation estimate = record.value();
        Observation resource = new Observation();
        resource.setStatus(Observation.ObservationStatus.FINAL);
        resource.addCategory(new CodeableConcept(new Coding(FhirCodes.OBSERVATION_CATEGORY, "exam", "Exam")));
        resource.setCode(new CodeableConcept()
                .addCoding(FhirCodes.OBSERVATION_CODE.coding(FhirCodes.observationCode(estimate.modality())))
                .addCoding(new Coding(FhirCodes.SNOMED, FhirCodes.EMOTIONAL_STATE_FINDING,
                        "Emotional state finding")));
        resource.setSubject(new Reference("Patient/" + record.patient()));
        resource.setEncounter(new Reference("Encounter/" + record.session()));
        resource.setDevice(new Reference("Device/" + record.robot()));
        resource.setEffective(new Period().setStartElement(dateTime(estimate.window().start()))
                .setEndElement(dateTime(estimate.window().end())));
        resource.setIssuedElement(new InstantType(Date.from(record.lastUpdated()), TemporalPrecisionEnum.MILLI));
        resource.setValue(new CodeableConcept(FhirCodes.EMOTION_CLASS.coding(estimate.dominant())));
        resource.setMethod(new CodeableConcept().setText(estimate.model().name() + " " + estimate.model().version()));
        for (Map.Entry<String, Double> probability : estimate.distribution().probabilities().entrySet()) {
            resource.addComponent()
                    .setCode(new CodeableConcept(FhirCodes.EMOTION_CLASS.coding(probability.getKey())))
                    .setValue(probability(probability.getValue()));
        }
        resource.addComponent()
                .setCode(new CodeableConcept(FhirCodes.OBSERVATION_CODE.coding("confidence")))
                .setValue(probability(estimate.confidence()));
        return resource;
    }

    private static Observation rating(RatingRecord record) {
        Observation resource = new Observation();
        resource.setStatus(record.version() > 1 ? Observation.ObservationStatus.AMENDED
                : Observation.ObservationStatus.FINAL);
        resource.addCategory(new CodeableConcept(new Coding(FhirCodes.OBSERVATION_CATEGORY, "survey", "Survey")));
        resource.setCode(new CodeableConcept(FhirCodes.OBSERVATION_CODE.coding("care-experience-rating")));
        resource.setSubject(new Reference("Patient/" + record.patient()));
        resource.setEncounter(new Reference("Encounter/" + record.value().session()));
        resource.setEffective(dateTime(record.value().ratedAt()));
        resource.setValue(new IntegerType(record.value().score().value()));
        resource.addInterpretation().setText(record.value().score().label());
        if (record.value().comment() != null) {
            resource.addNote(new Annotation().setText(record.value().comment()));
        }
        return resource;
    }

    private static Consent consent(ConsentRecord record) {
        org.eecs.domain.consent.Consent consent = record.value();
        Consent resource = new Consent();
        boolean granted = consent.status() == ConsentStatus.GRANTED;
        resource.setStatus(granted ? Consent.ConsentState.ACTIVE : Consent.ConsentState.INACTIVE);
        resource.setScope(new CodeableConcept(new Coding(FhirCodes.CONSENT_SCOPE_SYSTEM, "patient-privacy",
                "Privacy Consent")));
        resource.addCategory(new CodeableConcept(new Coding(FhirCodes.LOINC, FhirCodes.CONSENT_DOCUMENT,
                "Patient Consent")));
        resource.setPatient(new Reference("Patient/" + consent.patient()));
        resource.setDateTimeElement(dateTime(consent.effectiveFrom()));
        resource.setPolicyRule(new CodeableConcept(new Coding(FhirCodes.ACT_CODE, granted ? "OPTIN" : "OPTOUT",
                granted ? "opt-in" : "opt-out")));
        Consent.ProvisionComponent provision = resource.getProvision();
        provision.setType(granted ? Consent.ConsentProvisionType.PERMIT : Consent.ConsentProvisionType.DENY);
        provision.setPeriod(new Period().setStartElement(dateTime(consent.effectiveFrom())));
        for (ConsentScope scope : consent.scopes()) {
            Consent.ProvisionComponent permit = provision.addProvision()
                    .setType(Consent.ConsentProvisionType.PERMIT)
                    .addAction(new CodeableConcept(FhirCodes.CONSENT_SCOPE.coding(FhirCodes.scopeCode(scope))));
            if (scope == ConsentScope.RECORDING_RETENTION) {
                permit.addExtension(new Extension(RECORDING_RETENTION_EXTENSION, (Duration) new Duration()
                        .setValue(consent.recordingRetention().toSeconds()).setUnit("s").setSystem(FhirCodes.UCUM)
                        .setCode("s")));
            }
        }
        return resource;
    }

    private static Device device(RobotRecord record) {
        Device resource = new Device();
        resource.addIdentifier().setSystem("urn:eecs:robot").setValue(record.value().id().value());
        resource.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        resource.addDeviceName().setName(record.value().name()).setType(Device.DeviceNameType.USERFRIENDLYNAME);
        resource.addDeviceName().setName(record.value().model()).setType(Device.DeviceNameType.MODELNAME);
        resource.setModelNumber(record.value().model());
        resource.setType(new CodeableConcept().setText("Humanoid care robot"));
        return resource;
    }

    private static Quantity probability(double value) {
        return new Quantity().setValue(value).setUnit("1").setSystem(FhirCodes.UCUM).setCode("1");
    }

    private static DateTimeType dateTime(Instant instant) {
        DateTimeType type = new DateTimeType(Date.from(instant), TemporalPrecisionEnum.MILLI);
        type.setTimeZoneZulu(true);
        return type;
    }
}
