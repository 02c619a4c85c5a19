package org.eecs.adapter.out.export;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.eecs.adapter.text.Utf8Out;
import org.eecs.application.port.export.AuditRecordFormat;
import org.eecs.application.port.export.InteractionRecord;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.safety.GuardViolation;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.turn.Turn;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * One JSON object a line (UTF-8, each line ended by a line feed). An audit event is written flat, with the keys of
 * {@link EventFields}; an interaction log's lines carry a {@code record} key naming what they are. An export of events
 * writes its lines as bytes straight into one buffer ({@link Utf8Out}): a million lines, the same bytes as Jackson's
 * generator writes for an interaction log's ({@code NdjsonWriterTest}).
 */
final class NdjsonWriter implements AuditRecordFormat.RecordWriter {

    private static final JsonFactory JSON = JsonFactory.builder()
            .rootValueSeparator((String) null)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    /** Each field's key as it precedes its value: {@code {"sequence":}, then {@code ,"occurredAt":}... */
    private static final byte[][] KEYS = EventFields.IN_ORDER.stream()
            .map(field -> ((field.ordinal() == 0 ? "{\"" : ",\"") + field.key + "\":").getBytes(StandardCharsets.UTF_8))
            .toArray(byte[][]::new);

    private final JsonGenerator json;
    private final Utf8Out lines;

    NdjsonWriter(OutputStream content) {
        this.json = JSON.createGenerator(content);
        this.lines = new Utf8Out(content);
    }

    @Override
    public void event(ChainedAuditEvent event) {
        for (EventFields field : EventFields.IN_ORDER) {
            lines.raw(KEYS[field.ordinal()]);
            if (field == EventFields.SEQUENCE) {
                lines.number(event.sequence());
            } else {
                lines.jsonString(field.of(event));
            }
        }
        lines.ascii('}').ascii('\n');
    }

    @Override
    public void record(InteractionRecord record) {
        lines.flush(); // whatever was written before stays before
        json.writeStartObject();
        switch (record) {
            case InteractionRecord.Session s -> session(s.session());
            case InteractionRecord.ConsentVersion c -> consent(c.consent());
            case InteractionRecord.TurnTaken t -> turn(t.turn());
            case InteractionRecord.EscalationRaised e -> escalation(e.escalation());
            case InteractionRecord.AnswerRefused r -> refused(r.violation());
            case InteractionRecord.Audited a -> {
                json.writeStringProperty("record", "auditEvent");
                eventFields(a.event());
            }
        }
        endLine();
    }

    @Override
    public void end() {
        lines.flush();
        json.close();
    }

    private void endLine() {
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
    }

    private void eventFields(ChainedAuditEvent event) {
        for (EventFields field : EventFields.IN_ORDER) {
            if (field == EventFields.SEQUENCE) {
                json.writeNumberProperty(field.key, event.sequence());
            } else {
                text(field.key, field.of(event));
            }
        }
    }

    private void session(CareSession session) {
        json.writeStringProperty("record", "session");
        json.writeStringProperty("session", session.id().toString());
        json.writeStringProperty("patient", session.patient().toString());
        json.writeStringProperty("robot", session.robot().value());
        time("scheduledStart", session.window().start());
        time("scheduledEnd", session.window().end());
        json.writeStringProperty("careGoal", session.careGoal());
        json.writeBooleanProperty("emotionInput", session.emotionInput());
        json.writeStringProperty("state", session.state().name());
        time("startedAt", session.startedAt());
        time("endedAt", session.endedAt());
        text("endReason", session.endReason());
    }

    private void consent(Consent consent) {
        json.writeStringProperty("record", "consent");
        json.writeNumberProperty("version", consent.version());
        json.writeStringProperty("status", consent.status().name());
        json.writeName("scopes");
        json.writeStartArray();
        consent.scopes().stream().map(Enum::name).sorted().forEach(json::writeString);
        json.writeEndArray();
        time("effectiveFrom", consent.effectiveFrom());
        json.writeStringProperty("recordedBy", consent.recordedBy().value());
        if (consent.recordingRetention() == null) {
            json.writeNullProperty("recordingRetentionSeconds");
        } else {
            json.writeNumberProperty("recordingRetentionSeconds", consent.recordingRetention().toSeconds());
        }
    }

    private void turn(Turn turn) {
        json.writeStringProperty("record", "turn");
        json.writeStringProperty("turn", turn.id().toString());
        json.writeNumberProperty("sequence", turn.sequence());
        time("at", turn.at());
        json.writeStringProperty("utterance", turn.utterance());
        json.writeName("observations");
        json.writeStartArray();
        turn.observations().forEach(this::observation);
        json.writeEndArray();
        json.writeName("response");
        json.writeStartObject();
        json.writeStringProperty("text", turn.response().text());
        json.writeStringProperty("tone", turn.response().tone().name());
        json.writeStringProperty("face", turn.response().face().name());
        json.writeStringProperty("motion", turn.response().motion().name());
        json.writeEndObject();
        json.writeBooleanProperty("emotionWithheld", turn.emotionWithheld());
        json.writeName("latencyMillis");
        json.writeStartObject();
        turn.latencies().byStage().forEach((stage, latency) -> {
            json.writeName(stage.name());
            json.writeNumber(latency.toNanos() / 1e6);
        });
        json.writeEndObject();
    }

    private void escalation(Escalation escalation) {
        json.writeStringProperty("record", "escalation");
        json.writeStringProperty("escalation", escalation.id().toString());
        json.writeStringProperty("category", escalation.signal().category().name());
        json.writeStringProperty("evidence", escalation.signal().evidence());
        json.writeStringProperty("utterance", escalation.utterance());
        time("raisedAt", escalation.raisedAt());
        json.writeStringProperty("state", escalation.state().name());
        text("acknowledgedBy", escalation.acknowledgedBy() == null ? null : escalation.acknowledgedBy().value());
        time("acknowledgedAt", escalation.acknowledgedAt());
        text("resolvedBy", escalation.resolvedBy() == null ? null : escalation.resolvedBy().value());
        time("resolvedAt", escalation.resolvedAt());
        text("resolution", escalation.resolution());
    }

    private void refused(GuardViolation violation) {
        json.writeStringProperty("record", "refusedAnswer");
        time("at", violation.at());
        json.writeStringProperty("rule", violation.rule().name());
        text("detail", violation.detail());
        text("reasoner", violation.reasoner());
    }

    private void observation(EmotionObservation observation) {
        json.writeStartObject();
        json.writeStringProperty("modality", observation.modality().name());
        json.writeName("distribution");
        json.writeStartObject();
        for (Map.Entry<String, Double> p : observation.distribution().probabilities().entrySet()) {
            json.writeName(p.getKey());
            json.writeNumber(p.getValue());
        }
        json.writeEndObject();
        json.writeStringProperty("dominant", observation.distribution().dominant());
        json.writeName("confidence");
        json.writeNumber(observation.confidence());
        json.writeStringProperty("model", observation.model().name());
        json.writeStringProperty("modelVersion", observation.model().version());
        time("from", observation.window().start());
        time("to", observation.window().end());
        json.writeEndObject();
    }

    private void time(String key, Instant at) {
        text(key, at == null ? null : AuditEvent.canonicalTime(at));
    }

    private void text(String key, String value) {
        if (value == null) {
            json.writeNullProperty(key);
        } else {
            json.writeStringProperty(key, value);
        }
    }
}
