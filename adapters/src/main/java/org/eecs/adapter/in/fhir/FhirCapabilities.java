package org.eecs.adapter.in.fhir;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/** The CapabilityStatement at {@code /fhir/metadata}: what this server does, and nothing it does not. */
final class FhirCapabilities {

    private static final Map<String, SearchParamType> TYPES = Map.ofEntries(
            Map.entry("_id", SearchParamType.TOKEN), Map.entry("_lastUpdated", SearchParamType.DATE),
            Map.entry("identifier", SearchParamType.TOKEN), Map.entry("patient", SearchParamType.REFERENCE),
            Map.entry("subject", SearchParamType.REFERENCE), Map.entry("encounter", SearchParamType.REFERENCE),
            Map.entry("date", SearchParamType.DATE), Map.entry("status", SearchParamType.TOKEN),
            Map.entry("code", SearchParamType.TOKEN), Map.entry("category", SearchParamType.TOKEN));

    private FhirCapabilities() {
    }

    static CapabilityStatement statement(String base, Date published) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(PublicationStatus.ACTIVE);
        statement.setDate(published);
        statement.setPublisher("EECS");
        statement.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        statement.getSoftware().setName("EECS, Embodied Emotional Care System");
        statement.getImplementation().setDescription("EECS care records for the hospital's information system")
                .setUrl(base);
        statement.setFhirVersion(FHIRVersion._4_0_1);
        statement.addFormat("application/fhir+json");
        CapabilityStatementRestComponent rest = statement.addRest();
        rest.setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.getSecurity().addService(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")))
                .setDescription("OAuth 2.0 bearer tokens of the hospital's Keycloak realm: role integration for "
                        + "every patient, clinician for their care team's patients; AuditEvent for roles auditor "
                        + "and integration only. Every read and search is audited.");
        for (String type : List.of("Patient", "Encounter", "Observation", "Consent", "Device")) {
            CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
            resource.addInteraction().setCode(TypeRestfulInteraction.READ);
            resource.addInteraction().setCode(TypeRestfulInteraction.VREAD);
            resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
            resource.setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONED);
            resource.setReadHistory(type.equals("Consent"));
            for (String parameter : FhirSearch.PARAMETERS.get(type)) {
                if (!parameter.startsWith("_")) {
                    resource.addSearchParam().setName(parameter).setType(TYPES.get(parameter));
                }
            }
            resource.addSearchParam().setName("_id").setType(SearchParamType.TOKEN);
            resource.addSearchParam().setName("_lastUpdated").setType(SearchParamType.DATE);
            if (FhirSearch.PARAMETERS.get(type).contains("_include")) {
                resource.addSearchInclude(type + ":patient");
            }
        }
        CapabilityStatementRestResourceComponent patient = rest.getResource().get(0);
        patient.addInteraction().setCode(TypeRestfulInteraction.CREATE);
        patient.setConditionalCreate(true);
        patient.addOperation().setName("everything")
                .setDefinition("http://hl7.org/fhir/OperationDefinition/Patient-everything");
        patient.addOperation().setName("export")
                .setDefinition("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export");
        CapabilityStatementRestResourceComponent consent = rest.getResource().get(3);
        consent.addInteraction().setCode(TypeRestfulInteraction.CREATE);
        consent.addInteraction().setCode(TypeRestfulInteraction.UPDATE);
        consent.setUpdateCreate(false);
        CapabilityStatementRestResourceComponent audit = rest.addResource().setType("AuditEvent")
                .setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONED)
                .setDocumentation("The audit trail, IHE BALP style; each event's place in the hash chain in the "
                        + "extension " + FhirAuditEvents.CHAIN + ". Roles auditor and integration.");
        audit.addInteraction().setCode(TypeRestfulInteraction.READ);
        audit.addInteraction().setCode(TypeRestfulInteraction.VREAD);
        audit.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        for (String parameter : FhirAuditSearch.PARAMETERS.stream().sorted().toList()) {
            audit.addSearchParam().setName(parameter).setType(switch (parameter) {
                case "date", "_lastUpdated" -> SearchParamType.DATE;
                case "patient" -> SearchParamType.REFERENCE;
                default -> SearchParamType.TOKEN;
            });
        }
        rest.addResource().setType("CodeSystem").addInteraction().setCode(TypeRestfulInteraction.READ);
        rest.addOperation().setName("export")
                .setDefinition("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export");
        return statement;
    }
}
