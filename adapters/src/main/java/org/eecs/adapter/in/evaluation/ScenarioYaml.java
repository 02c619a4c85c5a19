package org.eecs.adapter.in.evaluation;

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
import java.util.stream.IntStream;
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
 * One node of a scenario file, which knows its file, its line and its path, so that every complaint says exactly
 * where it is ("anger.yaml, line 14, turns[1].face: ..."). Plain YAML only: the node tree is read, never objects
 * built from it, so a file cannot make the reader construct anything.
 */
final class ScenarioYaml {

    private final String file;
    private final String path;
    private final Node node;

    private ScenarioYaml(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    static ScenarioYaml read(String file, InputStream in) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(1024 * 1024);
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Node document = new Yaml(new SafeConstructor(options)).compose(reader);
            if (document == null) {
                throw new InvalidScenario(file + ": the file is empty");
            }
            return new ScenarioYaml(file, "", document);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new InvalidScenario(file + (line > 0 ? ", line " + line : "") + ": not valid YAML: " + e.getProblem(),
                    e);
        } catch (YAMLException e) {
            throw new InvalidScenario(file + ": not valid YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidScenario(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The entries of a mapping, in file order; any key outside {@code allowed} is refused. */
    Map<String, ScenarioYaml> entries(Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw problem("expected a mapping of keys to values, got " + shown());
        }
        Map<String, ScenarioYaml> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            ScenarioYaml key = new ScenarioYaml(file, path, tuple.getKeyNode());
            String name = key.scalar().orElseThrow(() -> key.problem("a key must be a plain word"));
            ScenarioYaml value = new ScenarioYaml(file, path.isEmpty() ? name : path + "." + name, tuple.getValueNode());
            if (!allowed.contains(name)) {
                throw value.problem("unknown key \"" + name + "\"; expected " + String.join(", ", allowed.stream()
                        .sorted().toList()));
            }
            if (entries.put(name, value) != null) {
                throw value.problem("\"" + name + "\" is given twice");
            }
        }
        return entries;
    }

    List<ScenarioYaml> items() {
        if (!(node instanceof SequenceNode sequence)) {
            throw problem("expected a list, got " + shown());
        }
        List<Node> values = sequence.getValue();
        return IntStream.range(0, values.size())
                .mapToObj(i -> new ScenarioYaml(file, path + "[" + i + "]", values.get(i))).toList();
    }

    /** A text, not blank, at most {@code maxLength} characters. */
    String text(int maxLength) {
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

    int integer(int min, int max) {
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

    /** One of {@code words} (given in lower case), as written in any case; the problem names them all. */
    String oneOf(List<String> words, String what) {
        String word = text(64).toLowerCase(Locale.ROOT);
        if (!words.contains(word)) {
            throw problem("\"" + word + "\" is not " + what + "; use one of " + String.join(", ", words));
        }
        return word;
    }

    InvalidScenario problem(String message) {
        return new InvalidScenario(where() + ": " + message);
    }

    /** "anger.yaml, line 14, turns[1].face" */
    String where() {
        return file + ", line " + (node.getStartMark().getLine() + 1) + (path.isEmpty() ? "" : ", " + path);
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
}
