package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.eecs.adapter.in.web.WebFixtures.adminToken;
import static org.eecs.adapter.in.web.WebFixtures.auditedFor;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eecs.adapter.in.web.WebFixtures.Audited;
import org.eecs.application.port.out.CareExperienceRatings;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.CareTeams;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.RatedSessions;
import org.eecs.application.port.out.RatedSessions.RatedSessionFacts;
import org.eecs.application.port.out.Robots;
import org.eecs.application.port.out.Turns;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.rating.LikertScore;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.TurnDraft;
import org.eecs.domain.turn.TurnId;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.HeadlessChromium;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.Pixels;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import java.util.Optional;
import org.eecs.domain.turn.AnsweredBy;

/**
 * The care-experience report over REST, on a dataset seeded through the stores' own ports (the turns come from the
 * robot's use case in production) and computed by hand: 18 rated sessions of one clinician's patients on one robot
 * in February 2025, plus sessions that must not count. Each expected figure is worked out in its comment: mean =
 * sum / n, s the sample standard deviation, interval mean +/- t(0.975, n - 1) s / sqrt(n).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CareExperienceReportTest {

    static final String FEBRUARY = "from=2025-02-01&to=2025-02-28";
    /** Where the rendered report is left for people to look at. */
    private static final Path REPORTS = Path.of("target", "reports");
    private static final int BAR_BLUE = 0x4C72B0;
    private static final Instant FIRST = Instant.parse("2025-02-03T09:00:00Z");

    @LocalServerPort int port;
    @Autowired Patients patients;
    @Autowired CareTeams careTeams;
    @Autowired Robots robots;
    @Autowired CareSessions sessions;
    @Autowired Turns turns;
    @Autowired CareExperienceRatings ratings;
    @Autowired RatedSessions ratedSessions;
    @Autowired JdbcClient jdbc;
    Api api;

    String clinician;
    String colleague;
    Robot robot;
    Robot otherRobot;
    private int slot;

    enum Felt { ANXIETY, ANGER, FEAR, NONE }

    @BeforeAll
    void seedTheDataset() {
        api = Api.onPort(port);
        clinician = unique("dr-report");
        colleague = unique("dr-colleague");
        robot = robot();
        otherRobot = robot();
        // score, gender, birth year (age in 2025), with emotion input, dominant fused emotion
        rated(5, Gender.FEMALE, 2003, true, Felt.ANXIETY);
        rated(5, Gender.FEMALE, 1990, true, Felt.ANXIETY);
        rated(4, Gender.MALE, 1975, true, Felt.ANXIETY);
        rated(5, Gender.FEMALE, 2003, true, Felt.ANXIETY);
        rated(4, Gender.MALE, 1990, false, Felt.ANXIETY);
        rated(5, Gender.FEMALE, 1975, true, Felt.ANXIETY);
        rated(4, Gender.MALE, 2003, true, Felt.ANGER);
        rated(5, Gender.FEMALE, 1990, true, Felt.ANGER);
        rated(4, Gender.MALE, 1975, false, Felt.ANGER);
        rated(4, Gender.MALE, 2003, false, Felt.ANGER);
        rated(3, Gender.MALE, 1990, false, Felt.ANGER);
        rated(3, Gender.FEMALE, 1975, false, Felt.FEAR);
        rated(2, Gender.MALE, 1990, false, Felt.FEAR);
        rated(3, Gender.FEMALE, 2003, false, Felt.NONE);
        rated(4, Gender.MALE, 1990, true, Felt.NONE);
        rated(3, Gender.FEMALE, 1975, false, Felt.NONE);
        rated(4, Gender.FEMALE, 1990, true, Felt.NONE);
        rated(3, Gender.FEMALE, 1990, false, Felt.NONE);

        // not counted: a session in March, an unrated one, another robot's, and a colleague's patient's
        session(patient(clinician, Gender.FEMALE, 1990), robot, Instant.parse("2025-03-01T00:00:00Z"), true,
                Felt.ANXIETY, 1);
        session(patient(clinician, Gender.FEMALE, 1990), robot, next(), true, Felt.ANXIETY, null);
        session(patient(clinician, Gender.FEMALE, 1990), otherRobot, next(), true, Felt.ANXIETY, 1);
        session(patient(colleague, Gender.FEMALE, 1990), robot, next(), true, Felt.ANXIETY, 1);
    }

    @Test
    void theReportsFiguresAreTheHandComputedOnes() {
        Answer answer = api.get("/api/v1/reports/care-experience?" + FEBRUARY + "&robot=" + robot.id().value())
                .token(clinicianToken(clinician)).send();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("scope").asString()).isEqualTo("the care teams of " + clinician);
        assertThat(report.get("minimumGroupSize").asInt()).isEqualTo(5);
        assertThat(report.get("confidenceLevel").asDouble()).isEqualTo(0.95);
        // all 18: sum 70, mean 3.888889, s = 0.900254, t(0.975, 17) = 2.109816, half-width 0.447686
        assertReported(report.get("overall"), 18, 70 / 18.0, 3.441203037467, 4.336574740311);

        JsonNode emotion = groups(report, "EMOTION_TYPE");
        assertThat(keys(emotion)).containsExactly("ANXIETY", "SADNESS", "ANGER", "FEAR", "FRUSTRATION", "NEUTRAL",
                "POSITIVE", "NONE");
        // anxiety 5 5 4 5 4 5: sum 28, mean 4.666667, s = 0.516398, t(0.975, 5) = 2.570582, half-width 0.541926
        assertReported(emotion.get(0), 6, 28 / 6.0, 4.124740432502, 5.208592900831);
        // fear 3 2: fewer than 5, suppressed; then anger and none (5 each) could give it away by subtraction from
        // the total, so anger, listed first, is suppressed with it
        assertSuppressed(emotion.get(3), "fewer than 5 ratings");
        assertSuppressed(emotion.get(2), "would reveal");
        // no emotion observed 3 4 3 4 3: sum 17, mean 3.4, s = 0.547723, t(0.975, 4) = 2.776445, half-width 0.680087
        assertReported(emotion.get(7), 5, 3.4, 2.719912619342, 4.080087380658);
        for (int none : new int[] {1, 4, 5, 6}) {
            assertThat(emotion.get(none).get("status").asString()).isEqualTo("NO_RATINGS");
            assertThat(emotion.get(none).get("count").asInt()).isZero();
        }

        JsonNode gender = groups(report, "GENDER");
        // female 5 5 5 5 5 3 3 3 4 3: sum 41, mean 4.1, s = 0.994429, t(0.975, 9) = 2.262157, half-width 0.711372
        assertReported(gender.get(0), 10, 4.1, 3.388628400281, 4.811371599719);
        // male 4 4 4 4 4 3 2 4: sum 29, mean 3.625, s = 0.744024, t(0.975, 7) = 2.364624, half-width 0.622020
        assertReported(gender.get(1), 8, 3.625, 3.002980529366, 4.247019470634);

        JsonNode age = groups(report, "AGE_GROUP");
        // youth (born 2003, 22) 5 5 4 4 3: sum 21, mean 4.2, s = 0.836660, half-width 2.776445 * 0.374166 = 1.038851
        assertReported(age.get(0), 5, 4.2, 3.161149366316, 5.238850633684);
        // adult (born 1990, 35) 5 4 5 3 2 4 4 3: sum 30, mean 3.75, s = 1.035098, half-width 0.865364
        assertReported(age.get(1), 8, 3.75, 2.884636132641, 4.615363867359);
        // senior (born 1975, 50) 4 5 4 3 3: sum 19, mean 3.8, s = 0.836660, half-width 1.038851
        assertReported(age.get(2), 5, 3.8, 2.761149366316, 4.838850633684);
        assertThat(age.get(3).get("status").asString()).isEqualTo("NO_RATINGS");

        JsonNode input = groups(report, "EMOTION_INPUT");
        // with 5 5 4 5 5 4 5 4 4: sum 41, mean 4.555556, s = 0.527046, t(0.975, 8) = 2.306004, half-width 0.405123
        assertReported(input.get(0), 9, 41 / 9.0, 4.150431924388, 4.960679186723);
        // without 4 4 4 3 3 2 3 3 3: sum 29, mean 3.222222, s = 0.666667, half-width 0.512445
        assertReported(input.get(1), 9, 29 / 9.0, 2.709776858844, 3.734667585601);
    }

    @Test
    void theHtmlPageIsSelfContained_andItsChartsRenderInAHeadlessBrowser() throws IOException {
        Answer answer = api.get("/api/v1/reports/care-experience.html?" + FEBRUARY + "&robot=" + robot.id().value())
                .token(clinicianToken(clinician)).send();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(answer.header("Content-Security-Policy")).startsWith("default-src 'none'");
        String html = answer.body();
        // nothing to fetch: no script, no link, no image or frame source; the one URL is SVG's namespace name
        assertThat(html).doesNotContain("<script", "<link", "src=", "href=", "url(", "@import")
                .contains("<svg", "4.67", "4.12 to 5.21", "suppressed", "n = 18");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:", "https:");
        assertThat(html.split("<svg", -1)).hasSize(5);

        BufferedImage screenshot = HeadlessChromium.screenshot(html, 800, 2600);
        Files.createDirectories(REPORTS);
        ImageIO.write(screenshot, "png", REPORTS.resolve("care-experience.png").toFile());

        assertThat(Pixels.inkedShare(screenshot)).as("share of the page that is not white").isGreaterThan(0.03);
        // the bars' blue (#4C72B0): 4 charts of up to 4 bars, each thousands of pixels
        assertThat(Pixels.ofColour(screenshot, BAR_BLUE, 8)).as("pixels of the bars").isGreaterThan(20_000);
    }

    @Test
    void thePdfParsesAndHoldsTheFiguresAndTheCharts() throws IOException {
        HttpResponse<byte[]> answer = api.get("/api/v1/reports/care-experience.pdf?" + FEBRUARY + "&robot="
                + robot.id().value()).token(clinicianToken(clinician)).sendForBytes();
        byte[] pdf = answer.body();

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(answer.headers().firstValue("Content-Disposition")).get()
                .isEqualTo("attachment; filename=\"care-experience-2025-02-01-to-2025-02-28.pdf\"");
        Files.createDirectories(REPORTS);
        Files.write(REPORTS.resolve("care-experience.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Care experience report", "All rated sessions: mean 3.89, 95% CI 3.44 to 4.34, n = 18",
                    "By emotion type", "By gender", "By age group", "By emotion input");
            // anxiety: mean 4.67, 4.12 to 5.21; female 4.10, 3.39 to 4.81; without emotion input 3.22, 2.71 to 3.73
            assertThat(text).contains("4.67", "4.12 to 5.21", "4.10", "3.39 to 4.81", "3.22", "2.71 to 3.73");
            assertThat(text).contains("suppressed", "Student's t");
            BufferedImage firstPage = new PDFRenderer(document).renderImageWithDPI(0, 72);
            assertThat(Pixels.ofColour(firstPage, BAR_BLUE, 8)).as("bar pixels on the first page").isGreaterThan(1_000);
        }
    }

    @Test
    void anAdministratorGetsTheSameAggregates_forTheRobotAndCareTeam() {
        JsonNode report = api.get("/api/v1/reports/care-experience?" + FEBRUARY + "&robot=" + robot.id().value()
                + "&careTeamMember=" + clinician).token(adminToken()).send().json();

        assertThat(report.get("scope").asString()).isEqualTo("all care teams");
        assertReported(report.get("overall"), 18, 70 / 18.0, 3.441203037467, 4.336574740311);
        assertThat(report.toString()).as("no patient-level content").doesNotContain(recordIds());
    }

    @Test
    void theStoreAveragesEachSessionsFusedProbabilities_overItsFusedObservationsOnly() {
        List<RatedSessionFacts> facts = ratedSessions.matching(new RatedSessions.Criteria(new TimeWindow(
                Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2025-03-01T00:00:00Z")),
                Set.of(new ClinicianId(clinician)), robot.id(), null));

        assertThat(facts).hasSize(18);
        // anxiety: (0.8 + 0.3) / 2 and (0.2 + 0.7) / 2; anger: (0.6 + 0.9) / 2, 0.4 / 2, 0.1 / 2; every other state 0
        assertThat(facts).filteredOn(fact -> fact.meanFusedProbabilities().getOrDefault(CareState.ANXIETY, 0.0) > 0)
                .hasSize(6).allSatisfy(fact -> {
                    assertThat(fact.meanFusedProbabilities()).containsOnlyKeys(CareState.values());
                    assertThat(fact.meanFusedProbabilities().get(CareState.ANXIETY)).isCloseTo(0.55, within(1e-12));
                    assertThat(fact.meanFusedProbabilities().get(CareState.SADNESS)).isCloseTo(0.45, within(1e-12));
                    assertThat(fact.meanFusedProbabilities().get(CareState.FEAR)).isZero();
                });
        assertThat(facts).filteredOn(fact -> fact.meanFusedProbabilities().getOrDefault(CareState.ANGER, 0.0) > 0)
                .hasSize(5).allSatisfy(fact -> {
                    assertThat(fact.meanFusedProbabilities().get(CareState.ANGER)).isCloseTo(0.75, within(1e-12));
                    assertThat(fact.meanFusedProbabilities().get(CareState.FRUSTRATION)).isCloseTo(0.2, within(1e-12));
                    assertThat(fact.meanFusedProbabilities().get(CareState.NEUTRAL)).isCloseTo(0.05, within(1e-12));
                });
        // the sessions with only a face seen have no fused mean at all
        assertThat(facts).filteredOn(fact -> fact.meanFusedProbabilities().isEmpty()).hasSize(5);
        assertThat(facts).extracting(RatedSessionFacts::birthYear).containsOnly(2003, 1990, 1975);
    }

    @Test
    void aReportOnOneArmOfTheAblation_countsOnlyItsSessions() {
        JsonNode report = api.get("/api/v1/reports/care-experience?" + FEBRUARY + "&robot=" + robot.id().value()
                        + "&emotionInput=true")
                .token(clinicianToken(clinician)).send().json();

        assertReported(report.get("overall"), 9, 41 / 9.0, 4.150431924388, 4.960679186723);
        assertThat(groups(report, "EMOTION_INPUT").get(1).get("status").asString()).isEqualTo("NO_RATINGS");
        // anxiety with input: 5 5 4 5 5 (5 ratings); anger 4 5 and none 4 4 are suppressed, together 4 < 5, so the
        // smallest reported group (anxiety, the only one) goes too
        assertThat(groups(report, "EMOTION_TYPE").get(0).get("status").asString()).isEqualTo("SUPPRESSED");
    }

    @Test
    void aColleagueOrAnotherRobotsReport_holdsNoneOfTheseRatings() {
        JsonNode colleagues = api.get("/api/v1/reports/care-experience?" + FEBRUARY + "&robot="
                + robot.id().value()).token(clinicianToken(colleague)).send().json();
        JsonNode otherRobots = api.get("/api/v1/reports/care-experience?" + FEBRUARY + "&robot="
                + otherRobot.id().value()).token(clinicianToken(clinician)).send().json();

        // one rating each: suppressed, and the report says so without a number
        assertSuppressed(colleagues.get("overall"), "fewer than 5 ratings");
        assertSuppressed(otherRobots.get("overall"), "fewer than 5 ratings");
    }

    @Test
    void anEmptyRange_isAReportOfEmptyGroups() {
        JsonNode report = api.get("/api/v1/reports/care-experience?from=1999-01-01&to=1999-12-31")
                .token(clinicianToken(clinician)).send().json();

        assertThat(report.get("overall").get("status").asString()).isEqualTo("NO_RATINGS");
        report.get("dimensions").valueStream().flatMap(dimension -> dimension.get("groups").valueStream())
                .forEach(group -> assertThat(group.get("status").asString()).isEqualTo("NO_RATINGS"));
    }

    @Test
    void everyReportIsAudited_asAReadOfTheReportNamingNoPatient() {
        for (String path : List.of("/api/v1/reports/care-experience", "/api/v1/reports/care-experience.html",
                "/api/v1/reports/care-experience.pdf")) {
            String requestId = WebFixtures.requestId();

            Answer answer = api.get(path + "?" + FEBRUARY).token(clinicianToken(clinician))
                    .header("X-Request-Id", requestId).send();

            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(auditedFor(jdbc, requestId)).containsExactly(new Audited(clinician, "CLINICIAN", "READ",
                    "CareExperienceReport", "from 2025-02-01 to 2025-02-28; robot any; care team any; "
                    + "emotion input with and without", null, "SUCCESS", "127.0.0.1"));
        }
    }

    @Test
    void otherRolesAreRefused_inEveryForm_andTheRefusalAudited() {
        String auditor = unique("auditor");
        for (String path : List.of("/api/v1/reports/care-experience", "/api/v1/reports/care-experience.html",
                "/api/v1/reports/care-experience.pdf")) {
            for (String token : List.of(TestIssuer.user(auditor, "auditor"), TestIssuer.user(auditor, "integration"),
                    TestIssuer.robot(robot.id().value()))) {
                String requestId = WebFixtures.requestId();

                Answer answer = api.get(path + "?" + FEBRUARY).token(token).header("X-Request-Id", requestId).send();

                assertThat(answer.status()).as(path + ": " + answer).isEqualTo(403);
                assertThat(answer.json().get("type").asString()).isEqualTo("urn:eecs:problem:forbidden");
                assertThat(auditedFor(jdbc, requestId)).extracting(Audited::outcome).containsExactly("DENIED");
            }
            Answer anonymous = api.get(path + "?" + FEBRUARY).send();
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }

    @Test
    void aMissingOrBackwardRange_orABadValue_isAProblem() {
        String token = clinicianToken(clinician);
        for (String query : List.of("from=2025-02-01", "from=2025-02-28&to=2025-02-01", "from=yesterday&to=today",
                FEBRUARY + "&robot=Not_A_Robot", FEBRUARY + "&emotionInput=perhaps")) {
            Answer answer = api.get("/api/v1/reports/care-experience?" + query).token(token).send();

            assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("type").asString()).isIn("urn:eecs:problem:invalid-parameter",
                    "urn:eecs:problem:invalid-value");
        }
    }

    // the dataset

    private void rated(int score, Gender gender, int birthYear, boolean emotionInput, Felt felt) {
        session(patient(clinician, gender, birthYear), robot, next(), emotionInput, felt, score);
    }

    private Instant next() {
        return FIRST.plus(Duration.ofHours(3L * slot++));
    }

    private Robot robot() {
        Robot made = new Robot(new RobotId(unique("robot-report")), "Ward robot", "humanoid-h1", "profiles/h1.yaml");
        robots.save(made);
        return made;
    }

    private Patient patient(String clinicianId, Gender gender, int birthYear) {
        Patient patient = Patient.register("Report " + slot, birthYear, gender, "en", Preferences.none());
        patients.save(patient);
        careTeams.add(patient.id(), new ClinicianId(clinicianId));
        return patient;
    }

    /**
     * A completed session with turns that make the emotion dominant (a face observation in each turn says otherwise,
     * and must not count); {@code score} null leaves it unrated.
     */
    private void session(Patient patient, Robot on, Instant start, boolean emotionInput, Felt felt, Integer score) {
        CareSession session = CareSession.schedule(patient.id(), on.id(), TimeWindow.of(start, Duration.ofHours(1)),
                "ease worries", emotionInput).start(start).complete(start.plus(Duration.ofMinutes(40)));
        sessions.save(session);
        List<Map<String, Double>> fused = switch (felt) {
            // anxiety wins the first turn, sadness the second; over both anxiety's mean is 0.55, sadness's 0.45
            case ANXIETY -> List.of(Map.of("anxiety", 0.8, "sadness", 0.2), Map.of("anxiety", 0.3, "sadness", 0.7));
            case ANGER -> List.of(Map.of("anger", 0.6, "frustration", 0.4), Map.of("anger", 0.9, "neutral", 0.1));
            case FEAR -> List.of(Map.of("fear", 1.0));
            case NONE -> List.of();
        };
        List<TurnDraft> made = new ArrayList<>();
        for (Map<String, Double> probabilities : fused) {
            TimeWindow heard = TimeWindow.of(start.plusSeconds(60L * made.size()), Duration.ofSeconds(5));
            EmotionObservation face = new EmotionObservation(Modality.FACE,
                    new EmotionDistribution(Map.of("happy", 0.9, "neutral", 0.1)), 0.9,
                    new ModelRef("fer2013-minixception", "1"), heard);
            EmotionObservation fusedObservation = new EmotionObservation(Modality.FUSED,
                    new EmotionDistribution(probabilities), 0.7, new ModelRef("eecs-care-state-fusion", "1"), heard);
            made.add(new TurnDraft(TurnId.newId(), session.id(), heard.end(), "I feel overwhelmed",
                    List.of(face, fusedObservation), new CareResponse("You're not alone.", Tone.CALM,
                    FacialExpression.WARM_GAZE, Motion.NOD), !emotionInput, StageLatencies.none(),
                    new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "abc123", Optional.empty()),
                    Optional.empty()));
        }
        if (felt == Felt.NONE) {
            // a turn in which nothing was fused: only the face was seen
            made.add(new TurnDraft(TurnId.newId(), session.id(), start.plusSeconds(10), "", List.of(
                    new EmotionObservation(Modality.FACE, new EmotionDistribution(Map.of("fear", 1.0)), 0.5,
                            new ModelRef("fer2013-minixception", "1"), TimeWindow.of(start, Duration.ofSeconds(5)))),
                    new CareResponse("I am here.", Tone.CALM, FacialExpression.WARM_GAZE, Motion.NOD), false,
                    StageLatencies.none(),
                    new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "abc123", Optional.empty()),
                    Optional.empty()));
        }
        made.forEach(turn -> turns.recordNext(turn, session.state(), Optional.empty()));
        if (score != null) {
            ratings.save(new CareExperienceRating(session.id(), new LikertScore(score), start.plus(Duration.ofHours(1)),
                    "kind robot"));
        }
    }

    /** The ids of the seeded sessions and their patients. */
    private String[] recordIds() {
        return jdbc.sql("select id::text from care_session where robot_id = ? union all "
                        + "select patient_id::text from care_session where robot_id = ?")
                .params(robot.id().value(), robot.id().value()).query(String.class).list().toArray(String[]::new);
    }

    // assertions on the JSON

    static JsonNode groups(JsonNode report, String dimension) {
        return report.get("dimensions").valueStream().filter(node -> node.get("dimension").asString().equals(dimension))
                .findFirst().orElseThrow().get("groups");
    }

    private static List<String> keys(JsonNode groups) {
        return groups.valueStream().map(group -> group.get("key").asString()).toList();
    }

    static void assertReported(JsonNode group, int count, double mean, double low, double high) {
        assertThat(group.get("status").asString()).as(group.toString()).isEqualTo("REPORTED");
        assertThat(group.get("count").asInt()).as(group.toString()).isEqualTo(count);
        assertThat(group.get("mean").asDouble()).as(group.toString()).isCloseTo(mean, within(1e-9));
        assertThat(group.get("low").asDouble()).as(group.toString()).isCloseTo(low, within(1e-9));
        assertThat(group.get("high").asDouble()).as(group.toString()).isCloseTo(high, within(1e-9));
    }

    static void assertSuppressed(JsonNode group, String because) {
        assertThat(group.get("status").asString()).as(group.toString()).isEqualTo("SUPPRESSED");
        assertThat(group.get("note").asString()).contains(because);
        assertThat(group.propertyNames()).as("a suppressed group shows no number")
                .containsExactlyInAnyOrder("key", "label", "status", "note");
    }
}
