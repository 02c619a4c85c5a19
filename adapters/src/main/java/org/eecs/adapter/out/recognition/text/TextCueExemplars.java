package org.eecs.adapter.out.recognition.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eecs.domain.emotion.CareState;

/**
 * The labelled exemplar sentences the text cues compare a transcript with, read from a tab-separated file
 * ({@code state<TAB>sentence}, one a line; {@code #} comments and blank lines ignored). Every care state needs at
 * least one exemplar.
 *
 * <p>{@link #version()} is a short hash of the exemplars themselves (state and sentence of each, in file order), so
 * that any change of an exemplar changes the model version recorded with every observation, while comments and
 * blank lines do not.
 */
final class TextCueExemplars {

    /** The file shipped with the application. */
    static final String BUNDLED = "/recognition/text-cue-exemplars.tsv";

    /** Hex digits of the SHA-256 kept in the version: 48 bits, plenty to tell exemplar files apart. */
    static final int VERSION_HEX_DIGITS = 12;

    record Exemplar(CareState state, String sentence) {
    }

    private final List<Exemplar> exemplars;
    private final String version;

    private TextCueExemplars(List<Exemplar> exemplars) {
        this.exemplars = List.copyOf(exemplars);
        this.version = versionOf(this.exemplars);
    }

    static TextCueExemplars bundled() {
        return fromResource(BUNDLED);
    }

    static TextCueExemplars fromResource(String resource) {
        try (InputStream in = TextCueExemplars.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("text cue exemplars " + resource + " are not on the classpath");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read text cue exemplars " + resource, e);
        }
    }

    /** @param source names the file in error messages */
    static TextCueExemplars parse(String source, String content) {
        List<Exemplar> exemplars = new ArrayList<>();
        String[] lines = content.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException(source + " line " + (i + 1)
                        + ": expected <care state><TAB><sentence>, found no tab in \"" + line + "\"");
            }
            String stateName = line.substring(0, tab).strip();
            String sentence = line.substring(tab + 1).strip();
            CareState state = stateNamed(stateName, source, i + 1);
            if (sentence.isEmpty()) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": the sentence is empty");
            }
            exemplars.add(new Exemplar(state, sentence));
        }
        Set<CareState> missing = EnumSet.allOf(CareState.class);
        exemplars.forEach(exemplar -> missing.remove(exemplar.state()));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": every care state needs at least one exemplar, none for "
                    + missing.stream().map(CareState::className).toList());
        }
        return new TextCueExemplars(exemplars);
    }

    private static CareState stateNamed(String name, String source, int lineNumber) {
        for (CareState state : CareState.values()) {
            if (state.className().equals(name.toLowerCase(Locale.ROOT))) {
                return state;
            }
        }
        throw new IllegalArgumentException(source + " line " + lineNumber + ": \"" + name
                + "\" is not a care state; expected one of " + CareState.classNames());
    }

    /**
     * The first {@value #VERSION_HEX_DIGITS} hex digits of the SHA-256 of the exemplars' canonical form: for each
     * exemplar, in order, its state's class name, a tab, its sentence and a line feed (UTF-8).
     */
    static String versionOf(List<Exemplar> exemplars) {
        StringBuilder canonical = new StringBuilder();
        for (Exemplar exemplar : exemplars) {
            canonical.append(exemplar.state().className()).append('\t').append(exemplar.sentence()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, VERSION_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    List<Exemplar> exemplars() {
        return exemplars;
    }

    String version() {
        return version;
    }
}
