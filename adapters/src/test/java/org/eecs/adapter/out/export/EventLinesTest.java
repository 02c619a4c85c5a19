package org.eecs.adapter.out.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eecs.adapter.text.Utf8Out;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditChain;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/** Event lines written as bytes straight into a buffer are the lines the formats always wrote. */
class EventLinesTest {

    private static final List<String> HOSTILE = List.of("", "plain", "a \"quoted\" \\ back\\slash / slash",
            "line\nfeed\rreturn\ttab\bback\fform", "\u0000\u0001\u001f\u007f control", "=SUM(A1:A9)", "+1", "-1",
            "@me", "\tx", "'quoted", "a,b", "Zoë, Łódź, 東京, emoji 😀", "\u2028\u2029 separators");

    @Test
    void anNdjsonLineIsWhatJacksonWritesForTheSameFields() {
        for (ChainedAuditEvent event : events()) {
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            NdjsonWriter writer = new NdjsonWriter(written);
            writer.event(event);
            writer.end();

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (JsonGenerator json = JsonFactory.builder().build().createGenerator(expected)) {
                json.writeStartObject();
                json.writeNumberProperty("sequence", event.sequence());
                for (EventFields field : EventFields.IN_ORDER.subList(1, EventFields.IN_ORDER.size())) {
                    json.writeName(field.key);
                    json.writeString(field.of(event));
                }
                json.writeEndObject();
            }
            assertThat(written.toString(StandardCharsets.UTF_8))
                    .isEqualTo(expected.toString(StandardCharsets.UTF_8) + "\n");
        }
    }

    @Test
    void csvCellsAreQuotedAndNeutralisedAsBefore() {
        assertThat(cell(null)).isEmpty();
        assertThat(cell("")).isEqualTo("\"\"");
        assertThat(cell("plain")).isEqualTo("plain");
        assertThat(cell("Zoë 東京 😀")).isEqualTo("Zoë 東京 😀");
        assertThat(cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(cell("=SUM(A1:A9)")).isEqualTo("\"'=SUM(A1:A9)\"");
        assertThat(cell("+1")).isEqualTo("\"'+1\"");
        assertThat(cell("-1")).isEqualTo("\"'-1\"");
        assertThat(cell("@me")).isEqualTo("\"'@me\"");
        assertThat(cell("\tx")).isEqualTo("\"'\tx\"");
        assertThat(cell("\rx")).isEqualTo("\"'\rx\"");
        assertThat(cell("'quoted")).isEqualTo("\"''quoted\"");
        assertThat(cell("=\"ë\"")).isEqualTo("\"'=\"\"ë\"\"\"");
    }

    @Test
    void aCsvFileIsTheHeaderThenALinePerEvent() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        CsvWriter writer = new CsvWriter(written);
        ChainedAuditEvent event = events().getFirst();
        writer.event(event);
        writer.end();
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(
                "sequence,occurredAt,actorId,actorRole,action,entityType,entityId,patient,outcome,sourceAddress,"
                        + "purpose,requestId,previousHash,hash\r\n1,2026-11-25T09:30:00.123456Z,\"\"\"\"\"0\",CLINICIAN,"
                        + "CREATE,CareSession,id 0,,SUCCESS,,,,"
                        + AuditChain.GENESIS + "," + event.hash() + "\r\n");
    }

    private static String cell(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Utf8Out out = new Utf8Out(bytes);
        CsvWriter.cell(out, value);
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<ChainedAuditEvent> events() {
        List<ChainedAuditEvent> chain = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        int i = 0;
        for (String text : HOSTILE) {
            for (AuditOutcome outcome : AuditOutcome.values()) {
                AuditEvent event = new AuditEvent(new Actor(text.isBlank() ? "\"\"" + i : text, Role.values()[i
                        % Role.values().length]), AuditAction.values()[i % AuditAction.values().length],
                        new EntityRef("CareSession", text.isBlank() ? "id " + i : text),
                        i % 3 == 0 ? null : PatientId.newId(), outcome,
                        Instant.parse("2026-11-25T09:30:00.123456Z").plusSeconds(i), i % 4 == 0 ? null : text,
                        i % 5 == 0 ? null : text, i % 7 == 0 ? null : text);
                ChainedAuditEvent chained = AuditChain.link(i + 1, previous, event);
                chain.add(chained);
                previous = chained.hash();
                i++;
            }
        }
        return chain;
    }
}
