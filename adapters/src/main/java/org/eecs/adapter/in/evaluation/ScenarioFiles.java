package org.eecs.adapter.in.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eecs.adapter.yaml.YamlNode;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.ConversingWithPatients;
import org.eecs.application.port.in.EvaluatingCare;
import org.eecs.application.port.in.EvaluatingCare.RolePlayedPatient;
import org.eecs.application.port.in.EvaluatingCare.Said;
import org.eecs.application.port.in.EvaluatingCare.Scenario;
import org.eecs.application.port.in.EvaluatingCare.ScriptedTurn;
import org.eecs.application.port.in.EvaluatingCare.Seen;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionFusion;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.turn.Turn;
import org.eecs.perception.audio.UnreadableWav;
import org.eecs.perception.audio.WavDecoder;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Scenario files (docs/evaluation.md): one role-play a YAML file, read and checked whole, with the recordings and
 * frames it names, before anything is played. Every problem names the file, the line and the key.
 */
final class ScenarioFiles {

    static final String FORMAT = "eecs-scenario/1";
    /** The scenarios that come with EECS: the paper's five emotions. */
    static final String BUNDLED = "bundled";

    private static final String BUNDLED_PATTERN = "classpath*:evaluation/scenarios/*.yaml";
    private static final Set<String> SCENARIO_KEYS = Set.of("format", "id", "emotion", "title", "careGoal", "patient",
            "turns");
    private static final Set<String> PATIENT_KEYS = Set.of("birthYear", "gender", "language", "preferences");
    private static final Set<String> TURN_KEYS = Set.of("say", "audio", "face", "frames");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final long MAX_FILE_BYTES = 50L * 1024 * 1024;
    private static final int DEFAULT_BIRTH_YEAR = 1970;

    private final Espeak espeak;
    private final WavDecoder wavs = new WavDecoder(MAX_FILE_BYTES);

    ScenarioFiles(Espeak espeak) {
        this.espeak = espeak;
    }

    /**
     * The scenario files at a location: {@value #BUNDLED} for those that come with EECS, a folder (its {@code *.yaml}
     * and {@code *.yml} files, in name order), or one file.
     */
    static List<Resource> at(String location) {
        try {
            if (location.equals(BUNDLED)) {
                return Arrays.stream(new PathMatchingResourcePatternResolver().getResources(BUNDLED_PATTERN))
                        .sorted(Comparator.comparing(resource -> String.valueOf(resource.getFilename()))).toList();
            }
            Path path = Path.of(location);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    List<Resource> found = files.filter(file -> file.toString().endsWith(".yaml")
                                    || file.toString().endsWith(".yml")).sorted()
                            .map(file -> (Resource) new FileSystemResource(file)).toList();
                    if (found.isEmpty()) {
                        throw new InvalidScenario(location + ": no scenario files (*.yaml, *.yml) in this folder");
                    }
                    return found;
                }
            }
            if (Files.isRegularFile(path)) {
                return List.of(new FileSystemResource(path));
            }
            throw new InvalidScenario(location + ": no scenario file or folder there");
        } catch (IOException e) {
            throw new InvalidScenario(location + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** All the scenarios of these files, by emotion in the paper's order, then by id; ids are unique. */
    List<Scenario> read(List<Resource> files) {
        Map<String, String> seen = new HashMap<>();
        List<Scenario> scenarios = new ArrayList<>();
        for (Resource file : files) {
            Scenario scenario = read(file);
            String earlier = seen.putIfAbsent(scenario.id(), describe(file));
            if (earlier != null) {
                throw new InvalidScenario(describe(file) + ": the id \"" + scenario.id() + "\" is already used by "
                        + earlier);
            }
            scenarios.add(scenario);
        }
        scenarios.sort(Comparator.comparing(Scenario::emotion).thenComparing(Scenario::id));
        return scenarios;
    }

    Scenario read(Resource file) {
        YamlNode root = YamlNode.read(describe(file), file, InvalidScenario::new);
        Map<String, YamlNode> entries = root.entries(SCENARIO_KEYS);
        for (String required : List.of("format", "id", "emotion", "title", "careGoal", "turns")) {
            if (!entries.containsKey(required)) {
                throw root.problem("\"" + required + "\" is missing");
            }
        }
        YamlNode format = entries.get("format");
        if (!format.text(64).equals(FORMAT)) {
            throw format.problem("this reader knows the format " + FORMAT + ", got \"" + format.text(64) + "\"");
        }
        YamlNode id = entries.get("id");
        if (!Scenario.ID.matcher(id.text(63)).matches()) {
            throw id.problem("an id is lower-case letters, digits and hyphens, starting with a letter or digit, "
                    + "at most 63 characters; got \"" + id.text(63) + "\"");
        }
        CareState emotion = CareState.valueOf(entries.get("emotion").oneOf(CareState.classNames(), "a care state")
                .toUpperCase(Locale.ROOT));
        RolePlayedPatient patient = Optional.ofNullable(entries.get("patient")).map(ScenarioFiles::patient)
                .orElse(new RolePlayedPatient(DEFAULT_BIRTH_YEAR, Gender.UNDISCLOSED, "en", List.of()));
        List<YamlNode> turnItems = entries.get("turns").items();
        if (turnItems.isEmpty() || turnItems.size() > EvaluatingCare.MAX_TURNS) {
            throw entries.get("turns").problem("a scenario has 1 to " + EvaluatingCare.MAX_TURNS + " turns, got "
                    + turnItems.size());
        }
        List<ScriptedTurn> turns = new ArrayList<>();
        for (YamlNode turn : turnItems) {
            turns.add(turn(turn, file, patient.language()));
        }
        return new Scenario(id.text(63), emotion, entries.get("title").text(200), patient,
                entries.get("careGoal").text(500), turns);
    }

    private static RolePlayedPatient patient(YamlNode node) {
        Map<String, YamlNode> entries = node.entries(PATIENT_KEYS);
        int birthYear = entries.containsKey("birthYear")
                ? entries.get("birthYear").integer(1900, Year.now().getValue()) : DEFAULT_BIRTH_YEAR;
        Gender gender = entries.containsKey("gender") ? Gender.valueOf(entries.get("gender").oneOf(
                Arrays.stream(Gender.values()).map(value -> value.name().toLowerCase(Locale.ROOT)).toList(),
                "a gender").toUpperCase(Locale.ROOT)) : Gender.UNDISCLOSED;
        String language = "en";
        if (entries.containsKey("language")) {
            language = entries.get("language").text(35);
            if (!LANGUAGE.matcher(language).matches()) {
                throw entries.get("language").problem("expected a BCP-47 language tag such as en or en-GB, got \""
                        + language + "\"");
            }
        }
        List<String> preferences = entries.containsKey("preferences")
                ? entries.get("preferences").items().stream().map(item -> item.text(500)).toList() : List.of();
        return new RolePlayedPatient(birthYear, gender, language, preferences);
    }

    private ScriptedTurn turn(YamlNode node, Resource file, String language) {
        Map<String, YamlNode> entries = node.entries(TURN_KEYS);
        if (!entries.containsKey("say") && !entries.containsKey("audio")) {
            throw node.problem("a turn says something: give \"say\" (the words), \"audio\" (a WAV file), or both");
        }
        if (entries.containsKey("face") && entries.containsKey("frames")) {
            throw node.problem("give the face either as \"face\" (an expression) or as \"frames\" (image files), "
                    + "not both");
        }
        try {
            return new ScriptedTurn(said(entries, file, language), seen(entries, file));
        } catch (InvalidRequest invalid) {
            throw node.problem(invalid.getMessage());
        }
    }

    /**
     * {@code say} alone: the words, taken as heard. {@code audio}: the recording, heard through speech recognition;
     * when the file is absent and {@code say} is given, the words are spoken with espeak-ng instead.
     */
    private Said said(Map<String, YamlNode> entries, Resource file, String language) {
        Optional<String> words = Optional.ofNullable(entries.get("say")).map(say -> say.text(Turn.MAX_UTTERANCE_LENGTH));
        YamlNode audio = entries.get("audio");
        if (audio == null) {
            return new Said.Words(words.orElseThrow());
        }
        String name = audio.text(500);
        Resource recording = relative(file, name, audio);
        if (recording.exists()) {
            try (InputStream in = recording.getInputStream()) {
                return new Said.Spoken(wavs.decode(in).toPcm16LittleEndian(), words, name);
            } catch (UnreadableWav unreadable) {
                throw audio.problem(name + " is not a WAV that can be read: " + unreadable.getMessage());
            } catch (IOException e) {
                throw audio.problem(name + " cannot be read (" + e.getMessage() + ")");
            }
        }
        if (words.isEmpty()) {
            throw audio.problem(name + " does not exist (give \"say\" as well to have the words spoken with "
                    + Espeak.PROGRAM + " when the file is absent)");
        }
        if (!espeak.available()) {
            throw audio.problem(name + " does not exist, and " + Espeak.PROGRAM + " (Debian package espeak-ng), "
                    + "which would speak the words instead, is not installed");
        }
        try {
            byte[] wav = espeak.speak(words.get(), language);
            return new Said.Spoken(wavs.decode(wav).toPcm16LittleEndian(), words, espeak.voice(language) + " (" + name
                    + " is absent)");
        } catch (IllegalStateException | UnreadableWav failed) {
            throw audio.problem(name + " does not exist, and " + Espeak.PROGRAM + " could not speak the words: "
                    + failed.getMessage());
        }
    }

    private static Seen seen(Map<String, YamlNode> entries, Resource file) {
        if (entries.containsKey("face")) {
            return new Seen.Stated(entries.get("face").oneOf(EmotionFusion.FACE_CLASSES, "a facial expression"));
        }
        if (!entries.containsKey("frames")) {
            return new Seen.Nobody();
        }
        YamlNode framesNode = entries.get("frames");
        List<YamlNode> items = framesNode.items();
        if (items.isEmpty() || items.size() > ConversingWithPatients.MAX_FRAMES) {
            throw framesNode.problem("a clip has 1 to " + ConversingWithPatients.MAX_FRAMES + " frames, got "
                    + items.size());
        }
        List<VideoClip.Frame> frames = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (YamlNode item : items) {
            String name = item.text(500);
            Resource image = relative(file, name, item);
            if (!image.exists()) {
                throw item.problem(name + " does not exist");
            }
            byte[] bytes;
            try (InputStream in = image.getInputStream()) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            } catch (IOException e) {
                throw item.problem(name + " cannot be read (" + e.getMessage() + ")");
            }
            if (bytes.length > MAX_FILE_BYTES || !(jpeg(bytes) || png(bytes))) {
                throw item.problem(name + " is not a JPEG or PNG image" + (bytes.length > MAX_FILE_BYTES
                        ? " of at most " + MAX_FILE_BYTES / (1024 * 1024) + " MB" : ""));
            }
            // capture times are given when the turn is played
            frames.add(new VideoClip.Frame(Instant.EPOCH, bytes));
            names.add(name);
        }
        return new Seen.Clip(new VideoClip(frames), String.join(", ", names));
    }

    private static Resource relative(Resource file, String name, YamlNode node) {
        try {
            return Path.of(name).isAbsolute() ? new FileSystemResource(name) : file.createRelative(name);
        } catch (IOException | RuntimeException e) {
            throw node.problem(name + " cannot be found next to the scenario file (" + e.getMessage() + ")");
        }
    }

    private static boolean jpeg(byte[] bytes) {
        return bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff;
    }

    private static boolean png(byte[] bytes) {
        return bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    }

    /** The file as people know it: its path, or for a bundled one its name. */
    static String describe(Resource file) {
        return file instanceof FileSystemResource onDisk ? onDisk.getPath() : String.valueOf(file.getFilename());
    }
}
