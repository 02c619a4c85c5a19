package org.eecs.adapter.out.recognition.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.safety.CrisisCategory;

/**
 * The crisis-language file ({@code recognition/crisis-language.tsv}; its header explains the four kinds of entry):
 * rules and harmless-idiom masks as regular expressions, example and harmless sentences for resemblance. Every
 * category needs at least one rule and one example; any mistake is refused with the line.
 */
final class CrisisLanguage {

    static final String BUNDLED = "/recognition/crisis-language.tsv";

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    record Rule(CrisisCategory category, Pattern pattern, int line) {
    }

    record Example(CrisisCategory category, String sentence) {
    }

    private final String source;
    private final List<Pattern> masks;
    private final List<Rule> rules;
    private final List<Example> examples;
    private final List<String> harmless;

    private CrisisLanguage(String source, List<Pattern> masks, List<Rule> rules, List<Example> examples,
                           List<String> harmless) {
        this.source = source;
        this.masks = List.copyOf(masks);
        this.rules = List.copyOf(rules);
        this.examples = List.copyOf(examples);
        this.harmless = List.copyOf(harmless);
    }

    static CrisisLanguage bundled() {
        try (InputStream in = CrisisLanguage.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("crisis language " + BUNDLED + " is not on the classpath");
            }
            return parse(BUNDLED, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read crisis language " + BUNDLED, e);
        }
    }

    static CrisisLanguage parse(String source, String content) {
        List<Pattern> masks = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        List<String> harmless = new ArrayList<>();
        String[] lines = content.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1) + ": ";
            String[] columns = line.split("\t", -1);
            if (columns.length != 3 || columns[2].isBlank()) {
                throw new IllegalArgumentException(where + "expected <kind><TAB><category><TAB><text>, got \""
                        + line + "\"");
            }
            String kind = columns[0].strip().toLowerCase(Locale.ROOT);
            String text = columns[2].strip();
            switch (kind) {
                case "rule" -> rules.add(new Rule(category(columns[1], where), pattern(text, where), i + 1));
                case "mask" -> masks.add(pattern(text, where));
                case "example" -> examples.add(new Example(category(columns[1], where), text));
                case "harmless" -> harmless.add(text);
                default -> throw new IllegalArgumentException(where + "unknown kind \"" + columns[0]
                        + "\"; expected rule, mask, example or harmless");
            }
        }
        for (CrisisCategory category : CrisisCategory.values()) {
            if (rules.stream().noneMatch(rule -> rule.category() == category)
                    || examples.stream().noneMatch(example -> example.category() == category)) {
                throw new IllegalArgumentException(source + ": every crisis category needs at least one rule and one "
                        + "example; " + category.label() + " has not");
            }
        }
        return new CrisisLanguage(source, masks, rules, examples, harmless);
    }

    /** The statement as the rules see it: lower case, plain apostrophes, harmless idioms blanked out. */
    String masked(String statement) {
        String text = statement.replace('\u2019', '\'').replace('\u2018', '\'').toLowerCase(Locale.ROOT);
        for (Pattern mask : masks) {
            text = mask.matcher(text).replaceAll(" ");
        }
        return text;
    }

    String source() {
        return source;
    }

    List<Rule> rules() {
        return rules;
    }

    List<Example> examples() {
        return examples;
    }

    List<String> harmless() {
        return harmless;
    }

    Set<CrisisCategory> categories() {
        return EnumSet.allOf(CrisisCategory.class);
    }

    private static CrisisCategory category(String label, String where) {
        try {
            return CrisisCategory.fromLabel(label);
        } catch (DomainViolation unknown) {
            throw new IllegalArgumentException(where + unknown.getMessage(), unknown);
        }
    }

    private static Pattern pattern(String regex, String where) {
        try {
            return Pattern.compile(regex, FLAGS);
        } catch (PatternSyntaxException malformed) {
            throw new IllegalArgumentException(where + "not a valid regular expression: "
                    + malformed.getDescription() + " near index " + malformed.getIndex(), malformed);
        }
    }
}
