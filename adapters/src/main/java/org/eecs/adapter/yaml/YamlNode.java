package org.eecs.adapter.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.springframework.core.io.InputStreamSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One node of a YAML file, which knows its file, its line and its path, so that every complaint says exactly where
 * it is ("anger.yaml, line 14, turns[1].face: ..."). Plain YAML only: the node tree is read, never objects built from
 * it, so a file cannot make the reader construct anything. Each kind of file brings its own exception, so that a
 * bad robot profile and a bad scenario are told apart.
 */
public final class YamlNode {

    private static final int LARGEST_FILE = 1024 * 1024;

    private final String file;
    private final String path;
    private final Node node;
    private final Function<String, ? extends RuntimeException> problems;

    private YamlNode(String file, String path, Node node, Function<String, ? extends RuntimeException> problems) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    /**
     * Reads {@code source}, called {@code file} in every complaint; a file that cannot be read, is not YAML or is
     * empty is refused with {@code problems}' exception too.
     */
    public static YamlNode read(String file, InputStreamSource source,
            Function<String, ? extends RuntimeException> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(LARGEST_FILE);
        try (InputStream in = source.getInputStream();
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Node document = new Yaml(new SafeConstructor(options)).compose(reader);
            if (document == null) {
                throw problems.apply(file + ": the file is empty");
            }
            return new YamlNode(file, "", document, problems);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw withCause(problems.apply(file + (line > 0 ? ", line " + line : "") + ": not valid YAML: "
                    + e.getProblem()), e);
        } catch (YAMLException e) {
            throw withCause(problems.apply(file + ": not valid YAML: " + e.getMessage()), e);
        } catch (IOException e) {
            throw withCause(problems.apply(file + ": cannot be read (" + e.getMessage() + ")"), e);
        }
    }

    /** The entries of a mapping, in file order; a key given twice is refused. */
    public Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode mapping)) {
            throw problem("expected a mapping of names to values, got " + shown());
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            YamlNode key = child(path, tuple.getKeyNode());
            String name = key.scalar().orElseThrow(() -> key.problem("a key must be a plain word"));
            YamlNode value = child(path.isEmpty() ? name : path + "." + name, tuple.getValueNode());
            if (entries.put(name, value) != null) {
                throw value.problem("\"" + name + "\" is given twice");
            }
        }
        return entries;
    }

    /** The entries of a mapping, as {@link #entries()}; any key outside {@code allowed} is refused. */
    public Map<String, YamlNode> entries(Set<String> allowed) {
        Map<String, YamlNode> entries = entries();
        entries.forEach((name, value) -> {
            if (!allowed.contains(name)) {
                throw value.problem("unknown key \"" + name + "\"; expected "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        });
        return entries;
    }

    public YamlNode get(String key) {
        return find(key).orElseThrow(() -> problem("\"" + key + "\" is missing"));
    }

    public Optional<YamlNode> find(String key) {
        return Optional.ofNullable(entries().get(key));
    }

    public List<YamlNode> items() {
        if (!(node instanceof SequenceNode sequence)) {
            throw problem("expected a list, got " + shown());
        }
        List<Node> values = sequence.getValue();
        return IntStream.range(0, values.size()).mapToObj(i -> child(path + "[" + i + "]", values.get(i))).toList();
    }

    /** A finite number, written as a whole or a decimal one. */
    public double number() {
        String text = scalar().filter(value -> node.getTag() == Tag.INT || node.getTag() == Tag.FLOAT)
                .orElseThrow(() -> problem("expected a number, got " + shown()));
        try {
            double number = Double.parseDouble(text.replace("_", ""));
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // YAML's other spellings (hexadecimal, sexagesimal, .inf) are not numbers a person writes here
        }
        throw problem("expected a number, got " + shown());
    }

    public double number(double min, double max) {
        double number = number();
        if (number < min || number > max) {
            throw problem("must lie in [" + min + ", " + max + "], got " + number);
        }
        return number;
    }

    public int integer(int min, int max) {
        String text = scalar().filter(value -> node.getTag() == Tag.INT)
                .orElseThrow(() -> problem("expected a whole number, got " + shown()));
        try {
            int value = Integer.parseInt(text.replace("_", ""));
            if (value < min || value > max) {
                throw problem("must be from " + min + " to " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw problem("expected a whole number from " + min + " to " + max + ", got " + shown());
        }
    }

    /** A text, not blank. */
    public String text() {
        return text(Integer.MAX_VALUE);
    }

    /** A text, not blank, at most {@code maxLength} characters, without surrounding blanks. */
    public String text(int maxLength) {
        String text = scalar().filter(value -> node.getTag() != Tag.NULL)
                .orElseThrow(() -> problem("expected a text, got " + shown()));
        if (text.isBlank()) {
            throw problem("must not be empty");
        }
        if (text.length() > maxLength) {
            throw problem("must be at most " + maxLength + " characters, got " + text.length());
        }
        return text.strip();
    }

    /** One of {@code words} (given in lower case), as written in any case; the problem names them all. */
    public String oneOf(List<String> words, String what) {
        String word = text(64).toLowerCase(Locale.ROOT);
        if (!words.contains(word)) {
            throw problem("\"" + word + "\" is not " + what + "; use one of " + String.join(", ", words));
        }
        return word;
    }

    /** Whether anything is written here ({@code neutral:} alone, or {@code ~}, is nothing). */
    public boolean isPresent() {
        return !(node instanceof ScalarNode scalar && scalar.getTag() == Tag.NULL);
    }

    /** The complaint about this node, to be thrown: it names where the node is. */
    public RuntimeException problem(String message) {
        return problems.apply(where() + ": " + message);
    }

    /** "anger.yaml, line 14, turns[1].face" */
    public String where() {
        return file + ", line " + (node.getStartMark().getLine() + 1) + (path.isEmpty() ? "" : ", " + path);
    }

    private YamlNode child(String childPath, Node child) {
        return new YamlNode(file, childPath, child, problems);
    }

    private Optional<String> scalar() {
        return node instanceof ScalarNode scalar ? Optional.of(scalar.getValue()) : Optional.empty();
    }

    private String shown() {
        return switch (node) {
            case ScalarNode scalar when scalar.getTag() == Tag.NULL -> "nothing";
            case ScalarNode scalar when scalar.getTag() == Tag.STR -> "\"" + scalar.getValue() + "\"";
            case ScalarNode scalar -> scalar.getValue();
            case MappingNode mapping -> "a mapping";
            case SequenceNode sequence -> "a list";
            default -> "something else";
        };
    }

    private static RuntimeException withCause(RuntimeException problem, Throwable cause) {
        problem.initCause(cause);
        return problem;
    }
}
