package org.eecs.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.eecs.domain.audit.AuditChain;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.ChainWalk;
import org.eecs.domain.audit.ChainedAuditEvent;

/**
 * Checks an audit export against its manifest without the database:
 *
 * <pre>
 *   tools/eecs-verify-export &lt;id&gt;.manifest.json [export file]
 * </pre>
 *
 * (the script runs {@code tools/target/eecs-verify-export.jar} on a JDK 21 or newer, which it finds).
 *
 * The export file defaults to the manifest's {@code file}, beside the manifest. It checks the file's size and
 * SHA-256, the counts, the first and last sequence numbers and hashes, recomputes every audit event's hash from its
 * fields (NDJSON keys, CSV cells, or the places of a FHIR AuditEvent), and, where the manifest says the events are
 * one stretch of the chain, every link from the anchor on.
 * Prints what it found; exits 0 when everything holds, 1 when anything does not, 2 when it cannot run.
 */
public final class VerifyAuditExport {

    private final List<String> problems = new ArrayList<>();
    private final PrintStream out;

    private VerifyAuditExport(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** The exit status: 0 verified, 1 not, 2 unusable arguments or files. */
    public static int run(String[] args, PrintStream out) {
        if (args.length < 1 || args.length > 2) {
            out.println("usage: tools/eecs-verify-export <manifest.json> [export file]");
            return 2;
        }
        try {
            Path manifestFile = Path.of(args[0]);
            Map<String, Object> manifest = Json.object(Files.readString(manifestFile, StandardCharsets.UTF_8));
            Path file = args.length == 2 ? Path.of(args[1])
                    : manifestFile.toAbsolutePath().resolveSibling(String.valueOf(manifest.get("file")));
            return new VerifyAuditExport(out).verify(manifest, file) ? 0 : 1;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            out.println("cannot verify: " + e.getMessage());
            return 2;
        }
    }

    private boolean verify(Map<String, Object> manifest, Path file) throws IOException {
        if (!"eecs-audit-export-manifest/v1".equals(manifest.get("manifest"))) {
            throw new IllegalArgumentException("not an EECS audit export manifest (v1)");
        }
        expect("size in bytes", manifest.get("bytes"), Files.size(file));
        MessageDigest sha256 = sha256();
        Tally tally = new Tally(manifest);
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file), sha256);
             InputStream content = Boolean.TRUE.equals(manifest.get("gzip")) ? new GZIPInputStream(raw) : raw;
             BufferedReader lines = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8))) {
            switch (String.valueOf(manifest.get("format"))) {
                case "CSV" -> CsvEvents.read(lines, tally::record, tally::event, problems::add);
                case "FHIR_BUNDLE" -> BundleEvents.read(lines, tally::record, tally::event, problems::add);
                default -> NdjsonEvents.read(lines, tally::record, tally::event, problems::add);
            }
            raw.transferTo(OutputStreamNowhere.INSTANCE);
        }
        expect("SHA-256", manifest.get("sha256"), HexFormat.of().formatHex(sha256.digest()));
        tally.compareWith(manifest);
        @SuppressWarnings("unchecked")
        Map<String, Object> chain = (Map<String, Object>) manifest.get("chain");
        boolean exporterFoundItIntact = chain != null && Boolean.TRUE.equals(chain.get("intact"));
        if (!exporterFoundItIntact) {
            problems.add("the manifest records a broken chain at event " + (chain == null ? "?" : chain.get("brokenAt"))
                    + " (" + (chain == null ? "?" : chain.get("kind")) + ")");
        }
        if (problems.isEmpty()) {
            out.println("OK: " + file.getFileName() + " matches its manifest: " + tally.records + " records, "
                    + tally.events + " audit events"
                    + (tally.events == 0 ? "" : " (" + tally.first.sequence() + " to " + tally.last.sequence() + ")")
                    + ", every hash recomputed" + (tally.links ? ", every link checked from the anchor "
                    + manifest.get("anchorHash") : ""));
            return true;
        }
        problems.forEach(problem -> out.println("FAILED: " + problem));
        return false;
    }

    private void expect(String what, Object manifestValue, Object fileValue) {
        if (!Objects.equals(String.valueOf(manifestValue), String.valueOf(fileValue))) {
            problems.add(what + ": the manifest says " + manifestValue + ", the file has " + fileValue);
        }
    }

    /** Counts records and events and checks each event's hash, and the links where the manifest says so. */
    private final class Tally {
        private final boolean links;
        private long records;
        private long events;
        private ChainedAuditEvent first;
        private ChainedAuditEvent last;
        private ChainWalk walk;
        private boolean reported;

        Tally(Map<String, Object> manifest) {
            this.links = Boolean.TRUE.equals(manifest.get("linksChecked"));
        }

        void record() {
            records++;
        }

        void event(ChainedAuditEvent event) {
            if (first == null) {
                first = event;
                walk = new ChainWalk(event.sequence() - 1, event.previousHash());
            }
            last = event;
            events++;
            if (links) {
                if (!walk.next(event) && !reported) {
                    ChainVerification.Broken broken = (ChainVerification.Broken) walk.result();
                    problems.add("the chain in the file breaks at event " + broken.sequence() + " ("
                            + broken.kind() + "): " + broken.detail());
                    reported = true;
                }
            } else if (!AuditChain.holds(event)) {
                problems.add("event " + event.sequence() + " does not match its hash (ALTERED)");
            }
        }

        void compareWith(Map<String, Object> manifest) {
            expect("records", manifest.get("records"), records);
            expect("audit events", manifest.get("events"), events);
            expect("first sequence", manifest.get("firstSequence"), first == null ? null : first.sequence());
            expect("last sequence", manifest.get("lastSequence"), last == null ? null : last.sequence());
            expect("anchor hash", manifest.get("anchorHash"), first == null ? null : first.previousHash());
            expect("first hash", manifest.get("firstHash"), first == null ? null : first.hash());
            expect("last hash", manifest.get("lastHash"), last == null ? null : last.hash());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Drains what the readers left unread (a gzip trailer), so that the digest covers the whole file. */
    private static final class OutputStreamNowhere extends java.io.OutputStream {
        static final OutputStreamNowhere INSTANCE = new OutputStreamNowhere();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
