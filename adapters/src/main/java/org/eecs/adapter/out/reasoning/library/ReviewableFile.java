package org.eecs.adapter.out.reasoning.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.care.Tone;
import org.springframework.core.io.Resource;

/**
 * A tab-separated file that clinicians edit: {@code #} comments and blank lines ignored, a fixed number of columns,
 * every mistake refused with the file and line. Its version is a short hash of its rows (not of comments), so any
 * change of an answer changes the version recorded with every answer given from it.
 */
final class ReviewableFile {

    /** Hex digits of the SHA-256 kept in the version: 48 bits, plenty to tell two files apart. */
    static final int VERSION_HEX_DIGITS = 12;

    /** One row: its columns, and where it stands, for error messages. */
    record Row(String source, int line, List<String> columns) {

        String column(int index) {
            return columns.get(index);
        }

        /** Reads a column with the given parser, naming the line when the value is refused. */
        <T> T read(int index, String what, Function<String, T> parser) {
            try {
                return parser.apply(columns.get(index));
            } catch (DomainViolation | IllegalArgumentException refused) {
                throw refused(what + ": " + refused.getMessage());
            }
        }

        IllegalArgumentException refused(String problem) {
            return new IllegalArgumentException(source + " line " + line + ": " + problem);
        }
    }

    private final List<Row> rows;
    private final String version;

    private ReviewableFile(List<Row> rows) {
        this.rows = List.copyOf(rows);
        StringBuilder canonical = new StringBuilder();
        rows.forEach(row -> canonical.append(String.join("\t", row.columns())).append('\n'));
        this.version = sha256(canonical.toString()).substring(0, VERSION_HEX_DIGITS);
    }

    static ReviewableFile read(Resource resource, int columns) {
        try (InputStream in = resource.getInputStream()) {
            return parse(resource.getDescription(), new String(in.readAllBytes(), StandardCharsets.UTF_8), columns);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource.getDescription(), e);
        }
    }

    static ReviewableFile parse(String source, String content, int columns) {
        List<Row> rows = new ArrayList<>();
        String[] lines = content.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> values = List.of(line.split("\t", -1)).stream().map(String::strip).toList();
            Row row = new Row(source, i + 1, values);
            if (values.size() != columns) {
                throw row.refused("expected " + columns + " columns separated by tabs, found " + values.size());
            }
            if (values.stream().anyMatch(String::isEmpty)) {
                throw row.refused("a column is empty");
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": the file holds no entries");
        }
        return new ReviewableFile(rows);
    }

    List<Row> rows() {
        return rows;
    }

    String version() {
        return version;
    }

    /** The primary language subtag of a BCP-47 tag, lower case: "zh-CN" gives "zh". */
    static String primaryLanguage(String tag) {
        String primary = tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        if (!primary.matches("[a-z]{2,3}")) {
            throw new IllegalArgumentException("not a language tag: \"" + tag + "\"");
        }
        return primary;
    }

    /** The words of a response, read from three columns starting at {@code first}, and its text. */
    static CareResponse response(Row row, int first, int textColumn, int maxTextLength) {
        Tone tone = row.read(first, "tone", Tone::fromLabel);
        FacialExpression face = row.read(first + 1, "facial expression", FacialExpression::fromLabel);
        Motion motion = row.read(first + 2, "motion", Motion::fromLabel);
        String text = row.column(textColumn);
        if (text.length() > maxTextLength) {
            throw row.refused("the text has " + text.length() + " characters, at most " + maxTextLength
                    + " are allowed");
        }
        return new CareResponse(text, tone, face, motion);
    }

    /** The response as this robot can perform it: any word it lacks becomes the calm one. */
    static CareResponse performable(CareResponse response, RobotAbilities abilities) {
        if (abilities.canPerform(response)) {
            return response;
        }
        return new CareResponse(response.text(),
                abilities.tones().contains(response.tone()) ? response.tone() : Tone.NEUTRAL,
                abilities.faces().contains(response.face()) ? response.face() : FacialExpression.NEUTRAL,
                abilities.motions().contains(response.motion()) ? response.motion() : Motion.NONE);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
