package org.eecs.adapter.in.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eecs.application.port.in.EvaluatingCare.Said;
import org.eecs.application.port.in.EvaluatingCare.Scenario;
import org.eecs.application.port.in.EvaluatingCare.ScriptedTurn;
import org.eecs.application.port.in.EvaluatingCare.Seen;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.patient.Gender;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioFilesTest {

    private static final String HEAD = """
            format: eecs-scenario/1
            id: test-scenario
            emotion: fear
            title: a test
            careGoal: reassure
            """;

    private final ScenarioFiles files = new ScenarioFiles(Espeak.onPath());

    @TempDir
    Path folder;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    private Scenario read(String content) throws IOException {
        return files.read(ScenarioFiles.at(file("s.yaml", content).toString())).getFirst();
    }

    @Test
    void theBundledScenariosPlayThePapersFiveEmotions_aFewTurnsEach() {
        List<Scenario> bundled = files.read(ScenarioFiles.at(ScenarioFiles.BUNDLED));

        assertThat(bundled).extracting(Scenario::emotion).containsExactly(CareState.ANXIETY, CareState.SADNESS,
                CareState.ANGER, CareState.FEAR, CareState.FRUSTRATION);
        assertThat(bundled).allSatisfy(scenario -> {
            assertThat(scenario.turns()).hasSizeBetween(3, 6);
            assertThat(scenario.patient().language()).isEqualTo("en");
            assertThat(scenario.turns()).allSatisfy(turn -> assertThat(turn.said()).isInstanceOf(Said.Words.class));
            assertThat(scenario.turns()).anySatisfy(turn -> assertThat(turn.seen()).isInstanceOf(Seen.Stated.class));
        });
        assertThat(bundled.get(0).turns().getFirst().script())
                .isEqualTo("I feel overwhelmed and don't know what to do.");
        assertThat(bundled.get(2).turns().getFirst().script()).isEqualTo("Why is everything so unfair to me?");
        assertThat(bundled.get(2).turns().getFirst().seen()).isEqualTo(new Seen.Stated("angry"));
    }

    @Test
    void theBundledClipsAreTheRealFacePhotos() {
        List<Seen.Clip> clips = files.read(ScenarioFiles.at(ScenarioFiles.BUNDLED)).stream()
                .flatMap(scenario -> scenario.turns().stream()).map(ScriptedTurn::seen)
                .filter(Seen.Clip.class::isInstance).map(Seen.Clip.class::cast).toList();

        assertThat(clips).hasSizeGreaterThanOrEqualTo(3);
        assertThat(clips).allSatisfy(clip -> {
            assertThat(clip.source()).startsWith("faces/sample");
            byte[] jpeg = clip.frames().frames().getFirst().image();
            assertThat(jpeg.length).isGreaterThan(10_000);
            assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
            assertThat(jpeg[1] & 0xff).isEqualTo(0xd8);
        });
    }

    @Test
    void aFullScenario_withItsPatientWordsARecordingAndFrames() throws IOException {
        Files.write(folder.resolve("hello.wav"), WavWriter.wav(PcmAudio.of16kHz(new float[8_000])));
        Files.copy(ScenarioFilesTest.class.getResourceAsStream("/faces/sample3-middle.jpg"), folder.resolve("smile.jpg"));

        Scenario scenario = read(HEAD + """
                patient: {birthYear: 1950, gender: female, language: en-GB, preferences: [likes birds]}
                turns:
                  - say: I'm scared.
                    face: FEAR
                  - audio: hello.wav
                    frames: [smile.jpg, smile.jpg]
                  - say: Hello?
                    audio: hello.wav
                """);

        assertThat(scenario.id()).isEqualTo("test-scenario");
        assertThat(scenario.patient().birthYear()).isEqualTo(1950);
        assertThat(scenario.patient().gender()).isEqualTo(Gender.FEMALE);
        assertThat(scenario.patient().language()).isEqualTo("en-GB");
        assertThat(scenario.patient().preferences()).containsExactly("likes birds");
        assertThat(scenario.turns().get(0)).isEqualTo(new ScriptedTurn(new Said.Words("I'm scared."),
                new Seen.Stated("fear")));
        Said.Spoken recording = (Said.Spoken) scenario.turns().get(1).said();
        assertThat(recording.pcm()).hasSize(16_000);
        assertThat(recording.script()).isEmpty();
        assertThat(scenario.turns().get(1).script()).isEqualTo("(recording hello.wav)");
        assertThat(((Seen.Clip) scenario.turns().get(1).seen()).frames().frames()).hasSize(2);
        assertThat(scenario.turns().get(2).script()).as("a recording's script, when given").isEqualTo("Hello?");
        assertThat(scenario.turns().get(2).seen()).isEqualTo(new Seen.Nobody());
    }

    @Test
    void wordsWhoseRecordingIsAbsent_areSpokenWithEspeak() throws IOException {
        assumeTrue(Espeak.onPath().available(), "espeak-ng is not installed (Debian package espeak-ng)");

        Scenario scenario = read(HEAD + """
                turns:
                  - say: I am afraid of the dark.
                    audio: recordings/afraid.wav
                """);

        Said.Spoken spoken = (Said.Spoken) scenario.turns().getFirst().said();
        assertThat(spoken.source()).isEqualTo("espeak-ng -v en (recordings/afraid.wav is absent)");
        assertThat(spoken.script()).contains("I am afraid of the dark.");
        assertThat(spoken.duration().toMillis()).isBetween(1000L, 4000L);
    }

    @Test
    void noPatientMeansAnUndisclosedAdultSpeakingEnglish() throws IOException {
        Scenario scenario = read(HEAD + "turns: [{say: Hello.}]\n");

        assertThat(scenario.patient().gender()).isEqualTo(Gender.UNDISCLOSED);
        assertThat(scenario.patient().birthYear()).isEqualTo(1970);
        assertThat(scenario.patient().language()).isEqualTo("en");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no turns key       | 'patient: {gender: male}'                         | line 1: "turns" is missing
            no turns           | 'turns: []'                                       | line 6, turns: a scenario has 1 to 50 turns, got 0
            unknown key        | 'turn: [{say: Hi.}]'                              | line 6, turn: unknown key "turn"; expected careGoal, emotion, format, id, patient, title, turns
            a turn says nothing| 'turns: [{face: sad}]'                            | line 6, turns[0]: a turn says something: give "say" (the words), "audio" (a WAV file), or both
            face and frames    | 'turns: [{say: Hi., face: sad, frames: [a.jpg]}]' | line 6, turns[0]: give the face either as "face" (an expression) or as "frames" (image files), not both
            unknown face       | 'turns: [{say: Hi., face: anxious}]'              | line 6, turns[0].face: "anxious" is not a facial expression; use one of angry, disgust, fear, happy, sad, surprise, neutral
            missing frame      | 'turns: [{say: Hi., frames: [gone.jpg]}]'         | line 6, turns[0].frames[0]: gone.jpg does not exist
            frame no image     | 'turns: [{say: Hi., frames: [s.yaml]}]'           | line 6, turns[0].frames[0]: s.yaml is not a JPEG or PNG image
            no frames          | 'turns: [{say: Hi., frames: []}]'                 | line 6, turns[0].frames: a clip has 1 to 32 frames, got 0
            missing recording  | 'turns: [{audio: gone.wav}]'                      | line 6, turns[0].audio: gone.wav does not exist (give "say" as well to have the words spoken with espeak-ng when the file is absent)
            recording no WAV   | 'turns: [{audio: s.yaml}]'                        | line 6, turns[0].audio: s.yaml is not a WAV that can be read: not a WAV
            empty words        | 'turns: [{say: ""}]'                              | line 6, turns[0].say: must not be empty
            words not text     | 'turns: [{say: [a, b]}]'                          | line 6, turns[0].say: expected a text, got a list
            birth year         | 'patient: {birthYear: old}\\nturns: [{say: Hi.}]'                       | line 6, patient.birthYear: expected a whole number, got "old"
            gender             | 'patient: {gender: robot}\\nturns: [{say: Hi.}]'                        | line 6, patient.gender: "robot" is not a gender; use one of female, male, other, undisclosed
            language           | 'patient: {language: English}\\nturns: [{say: Hi.}]'                    | line 6, patient.language: expected a BCP-47 language tag such as en or en-GB, got "English"
            given twice        | 'turns: [{say: Hi.}]\\nturns: [{say: Ho.}]'     | line 7, turns: "turns" is given twice
            """)
    void aMistakeInAScenarioFile_isNamedWithItsFileLineAndKey(String mistake, String yaml, String expected) {
        assertThatThrownBy(() -> read(HEAD + yaml.replace("\\n", "\n") + "\n"))
                .isInstanceOf(InvalidScenario.class)
                .hasMessageStartingWith(folder.resolve("s.yaml") + ", " + expected);
    }

    @Test
    void aFileThatIsNotYaml_isRefusedWithTheLineOfTheProblem() {
        assertThatThrownBy(() -> read(HEAD + "turns: [{say: \"unclosed}]\n"))
                .isInstanceOf(InvalidScenario.class)
                .hasMessageStartingWith(folder.resolve("s.yaml") + ", line ")
                .hasMessageContaining(": not valid YAML: ");
    }

    @Test
    void theFormatTheIdAndTheEmotionAreChecked() {
        assertThatThrownBy(() -> read(HEAD.replace("eecs-scenario/1", "eecs-scenario/2") + "turns: [{say: Hi.}]"))
                .isInstanceOf(InvalidScenario.class)
                .hasMessageEndingWith("line 1, format: this reader knows the format eecs-scenario/1, got "
                        + "\"eecs-scenario/2\"");
        assertThatThrownBy(() -> read(HEAD.replace("test-scenario", "Test Scenario") + "turns: [{say: Hi.}]"))
                .isInstanceOf(InvalidScenario.class)
                .hasMessageContaining("line 2, id: an id is lower-case letters, digits and hyphens");
        assertThatThrownBy(() -> read(HEAD.replace("fear", "joy") + "turns: [{say: Hi.}]"))
                .isInstanceOf(InvalidScenario.class)
                .hasMessageEndingWith("line 3, emotion: \"joy\" is not a care state; use one of anxiety, sadness, anger, "
                        + "fear, frustration, neutral, positive");
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(InvalidScenario.class).hasMessageEndingWith("s.yaml: the file is empty");
    }

    @Test
    void twoScenariosWithOneId_andALocationWithNoScenario_areRefused() throws IOException {
        file("a.yaml", HEAD + "turns: [{say: Hi.}]\n");
        file("b.yml", HEAD + "turns: [{say: Ho.}]\n");

        assertThatThrownBy(() -> files.read(ScenarioFiles.at(folder.toString())))
                .isInstanceOf(InvalidScenario.class)
                .hasMessage(folder.resolve("b.yml") + ": the id \"test-scenario\" is already used by "
                        + folder.resolve("a.yaml"));
        assertThatThrownBy(() -> ScenarioFiles.at(folder.resolve("nowhere").toString()))
                .isInstanceOf(InvalidScenario.class).hasMessageEndingWith("nowhere: no scenario file or folder there");
    }
}
