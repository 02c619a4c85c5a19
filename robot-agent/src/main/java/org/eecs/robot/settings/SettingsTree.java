package org.eecs.robot.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One place in a YAML file that knows its file and its path, so that every complaint says where it is
 * ({@code robot-agent.yaml: body.simulator.port: expected a whole number, got "x"}). A leaf may be overridden from
 * the environment: {@code body.simulator.port} by {@code EECS_AGENT_BODY_SIMULATOR_PORT} (upper case, dots and
 * dashes as underscores), so secrets need not be written into the file. Plain YAML only: no tags, no objects.
 */
public final class SettingsTree {

    public static final String ENVIRONMENT_PREFIX = "EECS_AGENT_";
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|min|h)");

    private final String file;
    private final String path;
    private final Object value;
    private final Function<String, String> environment;

    private SettingsTree(String file, String path, Object value, Function<String, String> environment) {
        this.file = file;
        this.path = path;
        this.value = value;
        this.environment = environment;
    }

    /** The file's tree, with overrides from {@code environment} (e.g. {@code System::getenv}). */
    public static SettingsTree read(Path file, Function<String, String> environment) {
        try (Reader in = Files.newBufferedReader(file)) {
            return parse(file.getFileName().toString(), in, environment);
        } catch (IOException e) {
            throw new InvalidSettings(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    public static SettingsTree read(String name, InputStream in, Function<String, String> environment) {
        return parse(name, new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8), environment);
    }

    /** Settings from the environment alone, for an agent started without a file. */
    public static SettingsTree empty(Function<String, String> environment) {
        return new SettingsTree("(no settings file)", "", Map.of(), environment);
    }

    public static SettingsTree of(String name, String yaml) {
        return parse(name, new StringReader(yaml), variable -> null);
    }

    private static SettingsTree parse(String name, Reader in, Function<String, String> environment) {
        try {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return new SettingsTree(name, "", document == null ? Map.of() : document, environment);
        } catch (YAMLException e) {
            throw new InvalidSettings(name + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    public String file() {
        return file;
    }

    public String path() {
        return path;
    }

    /** The environment variable that overrides this place. */
    public String environmentVariable() {
        return ENVIRONMENT_PREFIX + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The child at {@code key}, which may hold nothing (then only defaults and the environment apply). */
    public SettingsTree at(String key) {
        Object child = value instanceof Map<?, ?> map ? map.get(key) : null;
        if (value != null && !(value instanceof Map<?, ?>)) {
            throw problem("expected a mapping, got " + shown());
        }
        return new SettingsTree(file, path.isEmpty() ? key : path + "." + key, child, environment);
    }

    /** The entries of a mapping, in file order. */
    public Map<String, SettingsTree> entries() {
        if (!(value instanceof Map<?, ?> map)) {
            throw problem("expected a mapping of names to values, got " + shown());
        }
        Map<String, SettingsTree> entries = new LinkedHashMap<>();
        map.forEach((key, child) -> entries.put(String.valueOf(key), at(String.valueOf(key))));
        return entries;
    }

    public List<SettingsTree> list() {
        if (!(value instanceof List<?> items)) {
            throw problem("expected a list, got " + shown());
        }
        java.util.ArrayList<SettingsTree> children = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            children.add(new SettingsTree(file, path + "[" + i + "]", items.get(i), environment));
        }
        return children;
    }

    public boolean present() {
        return override().isPresent() || value != null;
    }

    public Optional<String> text() {
        Optional<String> override = override();
        if (override.isPresent()) {
            return override;
        }
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw problem("expected a single value, got " + shown());
        }
        return Optional.of(String.valueOf(value));
    }

    public String text(String otherwise) {
        return text().orElse(otherwise);
    }

    public String requiredText() {
        return text().filter(t -> !t.isBlank()).orElseThrow(() -> problem("is required (in the file or as "
                + environmentVariable() + ")"));
    }

    public double number(double otherwise) {
        return text().map(this::parseNumber).orElse(otherwise);
    }

    public double requiredNumber() {
        return parseNumber(requiredText());
    }

    public int whole(int otherwise) {
        return text().map(t -> {
            try {
                return Integer.parseInt(t.trim());
            } catch (NumberFormatException e) {
                throw problem("expected a whole number, got \"" + t + "\"");
            }
        }).orElse(otherwise);
    }

    public boolean flag(boolean otherwise) {
        return text().map(t -> switch (t.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw problem("expected true or false, got \"" + t + "\"");
        }).orElse(otherwise);
    }

    /** A duration such as {@code 500ms}, {@code 10s}, {@code 2min} or {@code 1h}. */
    public Duration duration(Duration otherwise) {
        return text().map(t -> {
            Matcher m = DURATION.matcher(t.trim());
            if (!m.matches()) {
                throw problem("expected a duration such as 500ms, 10s or 2min, got \"" + t + "\"");
            }
            double amount = Double.parseDouble(m.group(1));
            double nanos = amount * switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "min" -> 60e9;
                default -> 3600e9;
            };
            return Duration.ofNanos(Math.round(nanos));
        }).orElse(otherwise);
    }

    /** A file path; relative paths are taken from the settings file's folder when it has one. */
    public Optional<Path> path(Path base) {
        return text().map(t -> base == null ? Path.of(t) : base.resolve(t));
    }

    /** One of the allowed words. */
    public String choice(String otherwise, String... allowed) {
        String chosen = text(otherwise).trim();
        if (!List.of(allowed).contains(chosen)) {
            throw problem("expected one of " + String.join(", ", allowed) + ", got \"" + chosen + "\"");
        }
        return chosen;
    }

    public InvalidSettings problem(String fault) {
        return new InvalidSettings(file + ": " + (path.isEmpty() ? "" : path + ": ") + fault);
    }

    private double parseNumber(String text) {
        try {
            double number = Double.parseDouble(text.trim());
            if (!Double.isFinite(number)) {
                throw problem("expected a finite number, got \"" + text + "\"");
            }
            return number;
        } catch (NumberFormatException e) {
            throw problem("expected a number, got \"" + text + "\"");
        }
    }

    private Optional<String> override() {
        return path.isEmpty() ? Optional.empty() : Optional.ofNullable(environment.apply(environmentVariable()));
    }

    private String shown() {
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return value == null ? "nothing" : "\"" + value + "\"";
    }
}
