package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Our audit events as FHIR R4 AuditEvent resources, IHE BALP style, and losslessly: every field of the event's
 * hashed canonical form has one place in the resource, so that the offline verifier (module tools) recomputes each
 * event's hash from the resource alone, and a change to any of those places breaks it.
 *
 * <ul>
 *   <li>id: the event's sequence number; {@code recorded}: its time, to the microsecond;
 *   <li>{@code type} RESTful operation (DICOM User Authentication for a login), {@code subtype} our action code,
 *       {@code action} C, R, U, D or E;
 *   <li>{@code outcome} 0 (success), 4 (denied) or 8 (failed);
 *   <li>the agent who acted ({@code requestor}): {@code who.identifier} and {@code altId} their id, {@code role}
 *       their role in our code system, {@code network.address} where they called from;
 *   <li>{@code source.observer}: this server;
 *   <li>entities: what was acted on ({@code what.identifier} in the system {@code urn:eecs:entity:<type>}), the
 *       patient ({@code what} = {@code Patient/<id>}, role Patient), the request id (BALP's X-Request-Id entity);
 *   <li>{@code purposeOfEvent.text}: the declared purpose;
 *   <li>the extension {@link #CHAIN} with the previous hash and the hash, and the names of fields that hold empty
 *       text (FHIR has no empty strings).
 * </ul>
 */
final class FhirAuditEvents {

    /** The event's place in the hash chain: previous hash, hash, and which fields are empty text. */
    static final String CHAIN = "urn:eecs:fhir:StructureDefinition:audit-chain";
    static final String ACTOR_SYSTEM = "urn:eecs:actor";
    static final String ENTITY_SYSTEM_PREFIX = "urn:eecs:entity:";
    static final String REQUEST_ID_SYSTEM = "urn:eecs:request-id";
    static final String SERVER_SYSTEM = "urn:eecs:server";
    static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String BALP_ENTITY_TYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";

    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private FhirAuditEvents() {
    }

    static org.hl7.fhir.r4.model.AuditEvent of(ChainedAuditEvent chained) {
        AuditEvent event = chained.event();
        org.hl7.fhir.r4.model.AuditEvent resource = new org.hl7.fhir.r4.model.AuditEvent();
        resource.setId(Long.toString(chained.sequence()));
        // an audit event is never changed: its only version is 1, last updated when it was recorded
        resource.getMeta().setVersionId("1")
                .setLastUpdatedElement(new InstantType(Date.from(event.at()), TemporalPrecisionEnum.MILLI));
        resource.setType(event.action() == AuditAction.LOGIN
                ? new Coding(DICOM, "110114", "User Authentication")
                : new Coding(EVENT_TYPE, "rest", "RESTful Operation"));
        resource.addSubtype(FhirCodes.AUDIT_ACTION.coding(FhirCodes.code(event.action())));
        resource.setAction(switch (event.action()) {
            case CREATE -> AuditEventAction.C;
            case READ -> AuditEventAction.R;
            case UPDATE -> AuditEventAction.U;
            case DELETE -> AuditEventAction.D;
            case EXECUTE, LOGIN -> AuditEventAction.E;
        });
        resource.setRecordedElement(new InstantType(AuditEvent.canonicalTime(event.at())));
        switch (event.outcome()) {
            case SUCCESS -> resource.setOutcome(AuditEventOutcome._0);
            case DENIED -> resource.setOutcome(AuditEventOutcome._4).setOutcomeDesc("access denied");
            case FAILURE -> resource.setOutcome(AuditEventOutcome._8).setOutcomeDesc("failed");
        }
        List<String> empty = new ArrayList<>();
        if (event.purpose() != null) {
            if (event.purpose().isEmpty()) {
                empty.add("purpose");
            } else {
                resource.addPurposeOfEvent().setText(event.purpose());
            }
        }
        AuditEventAgentComponent agent = resource.addAgent().setRequestor(true);
        agent.setWho(new Reference().setIdentifier(new Identifier().setSystem(ACTOR_SYSTEM)
                .setValue(event.actor().id())));
        agent.setAltId(event.actor().id());
        agent.addRole(new CodeableConcept(FhirCodes.ROLE.coding(FhirCodes.code(event.actor().role()))));
        if (event.sourceAddress() != null) {
            if (event.sourceAddress().isEmpty()) {
                empty.add("sourceAddress");
            } else {
                agent.getNetwork().setAddress(event.sourceAddress())
                        .setType(IP_ADDRESS.matcher(event.sourceAddress()).matches() ? AuditEventAgentNetworkType._2
                                : AuditEventAgentNetworkType._1);
            }
        }
        resource.getSource()
                .setObserver(new Reference().setIdentifier(new Identifier().setSystem(SERVER_SYSTEM).setValue("eecs"))
                        .setDisplay("EECS"))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
        boolean patientActedOn = event.entity().type().equals("Patient");
        resource.addEntity()
                .setWhat(new Reference().setIdentifier(new Identifier()
                        .setSystem(ENTITY_SYSTEM_PREFIX + event.entity().type()).setValue(event.entity().id())))
                .setType(patientActedOn ? new Coding(ENTITY_TYPE, "1", "Person")
                        : new Coding(ENTITY_TYPE, "2", "System Object"))
                .setRole(patientActedOn ? new Coding(OBJECT_ROLE, "1", "Patient")
                        : new Coding(OBJECT_ROLE, "4", "Domain Resource"));
        if (event.patient() != null) {
            resource.addEntity().setWhat(new Reference("Patient/" + event.patient()))
                    .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                    .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
        }
        if (event.requestId() != null) {
            if (event.requestId().isEmpty()) {
                empty.add("requestId");
            } else {
                AuditEventEntityComponent request = resource.addEntity();
                request.setWhat(new Reference().setIdentifier(new Identifier().setSystem(REQUEST_ID_SYSTEM)
                        .setValue(event.requestId())));
                request.setType(new Coding(BALP_ENTITY_TYPE, "XrequestId", "X-Request-Id"));
            }
        }
        Extension chain = resource.addExtension().setUrl(CHAIN);
        chain.addExtension("previousHash", new StringType(chained.previousHash()));
        chain.addExtension("hash", new StringType(chained.hash()));
        empty.forEach(field -> chain.addExtension("empty", new StringType(field)));
        return resource;
    }
}
