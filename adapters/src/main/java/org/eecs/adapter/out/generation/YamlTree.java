package org.eecs.adapter.out.generation;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One place in a parsed YAML file, which knows its file and its path, so that every complaint about a value says
 * exactly where it is ("motion-library.yaml: nod.reach[0].pose.headPitch: ..."). Plain YAML only: no tags, no
 * objects built from the file.
 */
final class YamlTree {

    private final String file;
    private final String path;
    private final Object value;

    private YamlTree(String file, String path, Object value) {
        this.file = file;
        this.path = path;
        this.value = value;
    }

    static YamlTree read(Resource resource) {
        String file = GenerationFiles.describe(resource);
        try (InputStream in = resource.getInputStream()) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (document == null) {
                throw new InvalidGenerationFile(file + ": the file is empty");
            }
            return new YamlTree(file, "", document);
        } catch (IOException e) {
            throw new InvalidGenerationFile(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (YAMLException e) {
            throw new InvalidGenerationFile(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The entries of a mapping, in file order. */
    Map<String, YamlTree> entries() {
        if (!(value instanceof Map<?, ?> map)) {
            throw problem("expected a mapping of names to values, got " + shown());
        }
        Map<String, YamlTree> entries = new LinkedHashMap<>();
        map.forEach((key, child) -> entries.put(String.valueOf(key),
                new YamlTree(file, path.isEmpty() ? String.valueOf(key) : path + "." + key, child)));
        return entries;
    }

    YamlTree get(String key) {
        return find(key).orElseThrow(() -> problem("\"" + key + "\" is missing"));
    }

    Optional<YamlTree> find(String key) {
        return Optional.ofNullable(entries().get(key));
    }

    List<YamlTree> items() {
        if (!(value instanceof List<?> list)) {
            throw problem("expected a list, got " + shown());
        }
        return java.util.stream.IntStream.range(0, list.size())
                .mapToObj(i -> new YamlTree(file, path + "[" + i + "]", list.get(i))).toList();
    }

    double number() {
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw problem("expected a number, got " + shown());
        }
        return number.doubleValue();
    }

    double number(double min, double max) {
        double number = number();
        if (number < min || number > max) {
            throw problem("must lie in [" + min + ", " + max + "], got " + number);
        }
        return number;
    }

    String text() {
        if (!(value instanceof String text) || text.isBlank()) {
            throw problem("expected a text, got " + shown());
        }
        return text;
    }

    /** Whether anything is written here ({@code neutral:} alone, or {@code ~}, is nothing). */
    boolean isPresent() {
        return value != null;
    }

    String path() {
        return path;
    }

    InvalidGenerationFile problem(String message) {
        return new InvalidGenerationFile(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    private String shown() {
        return value == null ? "nothing" : value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
