package org.eecs.adapter.out.export;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.domain.audit.ChainVerification;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/** The manifest file's JSON: the shape docs/audit.md describes and the offline verifier reads. */
final class ManifestJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ManifestJson() {
    }

    static byte[] write(ExportManifest m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringProperty("manifest", ExportManifest.VERSION);
            json.writeStringProperty("export", m.export().toString());
            json.writeStringProperty("kind", m.kind().name());
            json.writeStringProperty("format", m.format().name());
            json.writeBooleanProperty("gzip", m.gzip());
            json.writeStringProperty("file", m.fileName());
            json.writeNumberProperty("bytes", m.bytes());
            json.writeStringProperty("sha256", m.sha256());
            json.writeNumberProperty("records", m.records());
            json.writeNumberProperty("events", m.events());
            number(json, "firstSequence", m.firstSequence());
            number(json, "lastSequence", m.lastSequence());
            text(json, "anchorHash", m.anchorHash());
            text(json, "firstHash", m.firstHash());
            text(json, "lastHash", m.lastHash());
            json.writeBooleanProperty("linksChecked", m.linksChecked());
            json.writeName("chain");
            json.writeStartObject();
            json.writeBooleanProperty("intact", m.chain().intact());
            switch (m.chain()) {
                case ChainVerification.Intact intact -> json.writeNumberProperty("eventsChecked",
                        intact.eventsChecked());
                case ChainVerification.Broken broken -> {
                    json.writeNumberProperty("brokenAt", broken.sequence());
                    json.writeStringProperty("kind", broken.kind().name());
                    json.writeStringProperty("detail", broken.detail());
                    json.writeNumberProperty("eventsChecked", broken.eventsChecked());
                }
            }
            json.writeEndObject();
            filter(json, m.filter());
            text(json, "session", m.session());
            text(json, "purpose", m.purpose());
            time(json, "completedAt", m.completedAt());
            json.writeEndObject();
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void filter(JsonGenerator json, AuditFilter f) {
        json.writeName("filter");
        json.writeStartObject();
        time(json, "from", f.from());
        time(json, "to", f.to());
        text(json, "actor", f.actorId());
        text(json, "role", f.role() == null ? null : f.role().name());
        text(json, "patient", f.patient() == null ? null : f.patient().toString());
        text(json, "action", f.action() == null ? null : f.action().name());
        text(json, "outcome", f.outcome() == null ? null : f.outcome().name());
        text(json, "requestId", f.requestId());
        text(json, "entityType", f.entityType());
        text(json, "entityId", f.entityId());
        number(json, "fromSequence", f.fromSequence());
        number(json, "toSequence", f.toSequence());
        json.writeEndObject();
    }

    private static void time(JsonGenerator json, String key, Instant at) {
        text(json, key, at == null ? null : at.toString());
    }

    private static void text(JsonGenerator json, String key, String value) {
        if (value == null) {
            json.writeNullProperty(key);
        } else {
            json.writeStringProperty(key, value);
        }
    }

    private static void number(JsonGenerator json, String key, Long value) {
        if (value == null) {
            json.writeNullProperty(key);
        } else {
            json.writeNumberProperty(key, value);
        }
    }
}
