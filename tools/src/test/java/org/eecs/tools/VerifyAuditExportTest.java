package org.eecs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditChain;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline check of an export against its manifest, on files written here in the documented formats (the
 * adapters' tests run it on files the server wrote).
 */
class VerifyAuditExportTest {

    @TempDir Path directory;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void anUntouchedNdjsonExportVerifies() throws Exception {
        Path manifest = export(ndjson(chain()), "NDJSON", chain());

        assertThat(verify(manifest)).as(printed()).isZero();
        assertThat(printed()).startsWith("OK:").contains("3 audit events (1 to 3)", "every link checked");
    }

    @Test
    void aChangedByteIsCaughtByTheDigest() throws Exception {
        List<ChainedAuditEvent> chain = chain();
        Path manifest = export(ndjson(chain), "NDJSON", chain);
        Path file = directory.resolve("export.ndjson");
        Files.writeString(file, Files.readString(file).replace("dr-li", "dr-lo"));

        assertThat(verify(manifest)).isEqualTo(1);
        assertThat(printed()).contains("FAILED: SHA-256", "ALTERED");
    }

    @Test
    void aRemovedLineIsCaughtEvenWithARecomputedDigest() throws Exception {
        List<ChainedAuditEvent> chain = chain();
        String whole = ndjson(chain);
        String withoutTheMiddle = whole.lines().toList().get(0) + "\n" + whole.lines().toList().get(2) + "\n";
        Path manifest = export(withoutTheMiddle, "NDJSON", chain);

        assertThat(verify(manifest)).isEqualTo(1);
        assertThat(printed()).contains("MISSING", "audit events: the manifest says 3, the file has 2");
    }

    @Test
    void hostileCsvReadsBackToTheExactEvents() throws Exception {
        List<ChainedAuditEvent> chain = chain("=HYPERLINK(\"http://x\";\"y\")", "+1,2", "-3\r\n@SUM(A1)",
                "'already quoted", "\ttab", "");
        StringBuilder csv = new StringBuilder(String.join(",", ExportedEvent.FIELDS)).append("\r\n");
        for (ChainedAuditEvent e : chain) {
            AuditEvent event = e.event();
            csv.append(String.join(",", List.of(Long.toString(e.sequence()),
                    AuditChainTimes.format(event.at()), cell(event.actor().id()), event.actor().role().name(),
                    event.action().name(), event.entity().type(), cell(event.entity().id()), "",
                    event.outcome().name(), "", cell(event.purpose()), cell(event.requestId()), e.previousHash(),
                    e.hash()))).append("\r\n");
        }
        Path manifest = export(csv.toString(), "CSV", chain);

        assertThat(verify(manifest)).as(printed()).isZero();
    }

    @Test
    void aFhirBundleExportVerifies_evenWithEmptyText() throws Exception {
        List<ChainedAuditEvent> chain = chain("treatment", "", "care");
        Path manifest = export(bundle(chain, "clinician"), "FHIR_BUNDLE", chain);

        assertThat(verify(manifest)).as(printed()).isZero();
        assertThat(printed()).startsWith("OK:").contains("3 audit events (1 to 3)", "every link checked");
    }

    @Test
    void aRoleChangedInAFhirBundleIsCaughtEvenWithARecomputedDigest() throws Exception {
        List<ChainedAuditEvent> chain = chain();
        Path manifest = export(bundle(chain, "admin"), "FHIR_BUNDLE", chain);

        assertThat(verify(manifest)).isEqualTo(1);
        assertThat(printed()).contains("FAILED: the chain in the file breaks at event 1 (ALTERED)");
    }

    @Test
    void withoutAManifestItSaysHowToRunIt() {
        assertThat(VerifyAuditExport.run(new String[0], new PrintStream(printed))).isEqualTo(2);
        assertThat(printed()).startsWith("usage:");
    }

    /** A cell as the server writes it (see the adapters' CsvWriter): quoted and apostrophe-marked as needed. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.isEmpty()) {
            return "\"\"";
        }
        boolean neutralise = "=+-@\t\r'".indexOf(value.charAt(0)) >= 0;
        boolean quote = neutralise || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        String text = (neutralise ? "'" : "") + value.replace("\"", "\"\"");
        return quote ? "\"" + text + "\"" : text;
    }

    private int verify(Path manifest) {
        return VerifyAuditExport.run(new String[] {manifest.toString()}, new PrintStream(printed));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static List<ChainedAuditEvent> chain(String... purposes) {
        List<String> texts = purposes.length == 0 ? List.of("treatment", "audit", "care") : List.of(purposes);
        List<ChainedAuditEvent> chain = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int i = 0; i < texts.size(); i++) {
            ChainedAuditEvent linked = AuditChain.link(i + 1, previous, new AuditEvent(
                    new Actor(i == 0 ? "dr-li" : texts.get(i).isEmpty() ? "x" : "dr-li" + texts.get(i), Role.CLINICIAN),
                    AuditAction.READ, new EntityRef("Patient", "p-" + texts.get(i) + "-" + i), null,
                    AuditOutcome.SUCCESS, Instant.parse("2031-01-01T00:00:00Z").plusMillis(i * 1001L), null,
                    texts.get(i), i % 2 == 0 ? null : "req-" + texts.get(i)));
            chain.add(linked);
            previous = linked.hash();
        }
        return chain;
    }

    private static String ndjson(List<ChainedAuditEvent> chain) {
        StringBuilder out = new StringBuilder();
        for (ChainedAuditEvent e : chain) {
            AuditEvent event = e.event();
            out.append("{\"sequence\":").append(e.sequence())
                    .append(",\"occurredAt\":\"").append(AuditChainTimes.format(event.at())).append('"')
                    .append(",\"actorId\":\"").append(event.actor().id()).append('"')
                    .append(",\"actorRole\":\"CLINICIAN\",\"action\":\"READ\",\"entityType\":\"Patient\"")
                    .append(",\"entityId\":\"").append(event.entity().id()).append('"')
                    .append(",\"patient\":null,\"outcome\":\"SUCCESS\",\"sourceAddress\":null")
                    .append(",\"purpose\":\"").append(event.purpose()).append('"')
                    .append(",\"requestId\":").append(event.requestId() == null ? "null"
                            : "\"" + event.requestId() + "\"")
                    .append(",\"previousHash\":\"").append(e.previousHash()).append('"')
                    .append(",\"hash\":\"").append(e.hash()).append("\"}\n");
        }
        return out.toString();
    }

    /**
     * A FHIR Bundle export as docs/audit.md describes it (the FHIR adapter's tests check the server's own), each
     * actor in the given role code.
     */
    private static String bundle(List<ChainedAuditEvent> chain, String role) {
        StringBuilder out = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        for (ChainedAuditEvent e : chain) {
            AuditEvent event = e.event();
            boolean emptyPurpose = event.purpose().isEmpty();
            out.append(e.sequence() == 1 ? "" : ",").append("""
                    {"fullUrl":"urn:eecs:audit-event:%d","resource":{"resourceType":"AuditEvent","id":"%d",
                     "extension":[{"url":"urn:eecs:fhir:StructureDefinition:audit-chain","extension":[
                       {"url":"previousHash","valueString":"%s"},{"url":"hash","valueString":"%s"}%s]}],
                     "type":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-type","code":"rest"},
                     "subtype":[{"system":"urn:eecs:fhir:CodeSystem:eecs-audit-action","code":"read"}],
                     "action":"R","recorded":"%s","outcome":"0"%s,
                     "agent":[{"role":[{"coding":[{"system":"urn:eecs:fhir:CodeSystem:eecs-role","code":"%s"}]}],
                               "who":{"identifier":{"system":"urn:eecs:actor","value":"%s"}},"altId":"%s",
                               "requestor":true}],
                     "source":{"observer":{"display":"EECS"}},
                     "entity":[{"what":{"identifier":{"system":"urn:eecs:entity:Patient","value":"%s"}}}%s]}}"""
                    .formatted(e.sequence(), e.sequence(), e.previousHash(), e.hash(),
                            emptyPurpose ? ",{\"url\":\"empty\",\"valueString\":\"purpose\"}" : "",
                            AuditChainTimes.format(event.at()),
                            emptyPurpose ? "" : ",\"purposeOfEvent\":[{\"text\":\"" + event.purpose() + "\"}]",
                            role, event.actor().id(), event.actor().id(), event.entity().id(),
                            event.requestId() == null ? "" : ",{\"what\":{\"identifier\":{\"system\":"
                                    + "\"urn:eecs:request-id\",\"value\":\"" + event.requestId() + "\"}}}"));
        }
        return out.append("]}").toString();
    }

    /** Writes the export file and a manifest that describes the given chain (not necessarily the file). */
    private Path export(String content, String format, List<ChainedAuditEvent> chain) throws Exception {
        String name = switch (format) {
            case "CSV" -> "export.csv";
            case "FHIR_BUNDLE" -> "export.json";
            default -> "export.ndjson";
        };
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(directory.resolve(name), bytes);
        String manifest = """
                {"manifest": "eecs-audit-export-manifest/v1", "export": "e", "kind": "AUDIT_EVENTS",
                 "format": "%s", "gzip": false, "file": "%s", "bytes": %d, "sha256": "%s", "records": %d,
                 "events": %d, "firstSequence": 1, "lastSequence": %d, "anchorHash": "%s", "firstHash": "%s",
                 "lastHash": "%s", "linksChecked": true, "chain": {"intact": true, "eventsChecked": %d}}"""
                .formatted(format, name, bytes.length, sha256(bytes), chain.size(), chain.size(), chain.size(),
                        AuditChain.GENESIS, chain.getFirst().hash(), chain.getLast().hash(), chain.size());
        Path path = directory.resolve("export.manifest.json");
        Files.writeString(path, manifest);
        return path;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The time as exports (and the canonical form) write it. */
    private static final class AuditChainTimes {
        static String format(Instant at) {
            return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(at);
        }
    }
}
