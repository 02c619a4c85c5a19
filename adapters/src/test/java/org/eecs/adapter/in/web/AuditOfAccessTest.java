package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.adapter.in.web.WebFixtures.adminToken;
import static org.eecs.adapter.in.web.WebFixtures.auditedFor;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import java.util.List;
import java.util.UUID;
import org.eecs.adapter.in.web.WebFixtures.Audited;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every touch of patient data leaves exactly its audit events: who (and in which role), what, which record, which
 * patient, the outcome, the request's {@code X-Request-Id} and where the request came from. Refusals are audited
 * too: 401 as the anonymous actor, 403 as the caller, 404 for a record outside the care team as DENIED and for a
 * record that does not exist as FAILURE.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditOfAccessTest {

    private static final String CLINICIAN = "CLINICIAN";
    private static final String SUCCESS = "SUCCESS";
    private static final String DENIED = "DENIED";
    private static final String FAILURE = "FAILURE";
    private static final String LOOPBACK = "127.0.0.1";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    Api api;
    WebFixtures fixtures;

    String clinician;
    String token;
    String patient;
    String robot;
    /** A scheduled session of the patient on the robot. */
    String session;
    /** A completed session of the patient, for its review. */
    String ended;

    @BeforeAll
    void makeTheRecords() {
        api = Api.onPort(port);
        fixtures = new WebFixtures(api);
        clinician = unique("dr-audit");
        token = clinicianToken(clinician);
        robot = fixtures.registerRobot();
        patient = fixtures.registerPatient(token, "Audited");
        fixtures.grantConsent(token, patient);
        session = fixtures.schedule(token, patient, robot);
        ended = fixtures.schedule(token, patient, robot);
        fixtures.start(token, ended);
        fixtures.complete(token, ended);
    }

    /** The call sent with a fresh X-Request-Id: its answer and the audit events it left. */
    record Sent(Answer answer, List<Audited> audited) {
    }

    private Sent send(Api.Call call, int expectedStatus) {
        String requestId = WebFixtures.requestId();
        Answer answer = call.header("X-Request-Id", requestId).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(expectedStatus);
        assertThat(answer.header("X-Request-Id")).isEqualTo(requestId);
        return new Sent(answer, auditedFor(jdbc, requestId));
    }

    private Audited byClinician(String action, String type, String id, String patientId, String outcome) {
        return new Audited(clinician, CLINICIAN, action, type, id, patientId, outcome, LOOPBACK);
    }

    @Nested
    class Patients {

        @Test
        void registeringAPatientIsAuditedAsItsCreationByTheClinician() {
            Sent sent = send(api.post("/api/v1/patients").token(token).json("""
                    {"alias": "Newly audited", "birthYear": 2001, "gender": "OTHER", "preferredLanguage": "es"}"""),
                    201);

            String created = sent.answer().json().get("id").asString();
            assertThat(sent.audited()).containsExactly(byClinician("CREATE", "Patient", created, created, SUCCESS));
        }

        @Test
        void listingPatientsAuditsAReadOfEachPatientListed() {
            String listing = unique("dr-lister");
            String listingToken = clinicianToken(listing);
            String first = fixtures.registerPatient(listingToken, "Listed one");
            String second = fixtures.registerPatient(listingToken, "Listed two");

            Sent sent = send(api.get("/api/v1/patients").token(listingToken), 200);

            assertThat(sent.answer().json().get("total").asLong()).isEqualTo(2);
            assertThat(sent.audited()).containsExactlyInAnyOrder(
                    new Audited(listing, CLINICIAN, "READ", "Patient", first, first, SUCCESS, LOOPBACK),
                    new Audited(listing, CLINICIAN, "READ", "Patient", second, second, SUCCESS, LOOPBACK));
        }

        @Test
        void readingAPatientIsAuditedAsARead() {
            assertThat(send(api.get("/api/v1/patients/" + patient).token(token), 200).audited())
                    .containsExactly(byClinician("READ", "Patient", patient, patient, SUCCESS));
        }

        @Test
        void changingPreferencesIsAuditedAsAnUpdateOfThePatient() {
            assertThat(send(api.put("/api/v1/patients/" + patient + "/preferences").token(token)
                    .json("{\"notes\": [\"prefers the window seat\"]}"), 200).audited())
                    .containsExactly(byClinician("UPDATE", "Patient", patient, patient, SUCCESS));
        }
    }

    @Nested
    class CareTeams {

        private Audited byAdmin(String action, String outcome) {
            return new Audited(WebFixtures.ADMIN, "ADMIN", action, "CareTeam", patient, patient, outcome, LOOPBACK);
        }

        @Test
        void readingTheCareTeamIsAuditedAsAReadOfIt() {
            assertThat(send(api.get("/api/v1/patients/" + patient + "/care-team").token(adminToken()), 200)
                    .audited()).containsExactly(byAdmin("READ", SUCCESS));
        }

        @Test
        void addingAndRemovingAMemberAreAuditedAsUpdatesOfTheCareTeam() {
            String locum = "/api/v1/patients/" + patient + "/care-team/" + unique("dr-locum");
            assertThat(send(api.put(locum).token(adminToken()), 200).audited())
                    .containsExactly(byAdmin("UPDATE", SUCCESS));
            assertThat(send(api.delete(locum).token(adminToken()), 200).audited())
                    .containsExactly(byAdmin("UPDATE", SUCCESS));
        }
    }

    @Nested
    class Consents {

        @Test
        void grantingAndWithdrawingAreAuditedWithTheVersionTheyRecord() {
            String other = fixtures.registerPatient(token, "Consenting");
            String consents = "/api/v1/patients/" + other + "/consents";

            assertThat(send(api.post(consents).token(token).json("{\"scopes\": [\"AUDIO_CAPTURE\"]}"), 201)
                    .audited()).containsExactly(byClinician("CREATE", "Consent", other + "/1", other, SUCCESS));
            assertThat(send(api.post(consents + "/withdrawal").token(token), 201).audited())
                    .containsExactly(byClinician("UPDATE", "Consent", other + "/2", other, SUCCESS));
        }

        @Test
        void readingTheCurrentConsentAndTheHistoryAreAuditedAsReads() {
            String consents = "/api/v1/patients/" + patient + "/consents";
            assertThat(send(api.get(consents + "/current").token(token), 200).audited())
                    .containsExactly(byClinician("READ", "Consent", patient, patient, SUCCESS));
            assertThat(send(api.get(consents).token(token), 200).audited())
                    .containsExactly(byClinician("READ", "Consent", patient, patient, SUCCESS));
        }
    }

    @Nested
    class Sessions {

        @Test
        void schedulingIsAuditedAsTheCreationOfTheSession() {
            Sent sent = send(api.post("/api/v1/sessions").token(token)
                    .json(WebFixtures.sessionJson(patient, robot, WebFixtures.freeSlot())), 201);

            String created = sent.answer().json().get("id").asString();
            assertThat(sent.audited()).containsExactly(byClinician("CREATE", "CareSession", created, patient, SUCCESS));
        }

        @Test
        void listingSessionsAuditsAReadOfEachSessionListed() {
            Sent sent = send(api.get("/api/v1/sessions?patient=" + patient + "&size=100").token(token), 200);

            List<String> listed = sent.answer().json().get("items").valueStream()
                    .map(item -> item.get("id").asString()).toList();
            assertThat(listed).contains(session, ended);
            assertThat(sent.audited()).containsExactlyInAnyOrderElementsOf(listed.stream()
                    .map(id -> byClinician("READ", "CareSession", id, patient, SUCCESS)).toList());
        }

        @Test
        void readingASessionIsAuditedAsARead_byAClinicianAndByItsRobot() {
            assertThat(send(api.get("/api/v1/sessions/" + session).token(token), 200).audited())
                    .containsExactly(byClinician("READ", "CareSession", session, patient, SUCCESS));
            assertThat(send(api.get("/api/v1/sessions/" + session).token(TestIssuer.robot(robot)), 200).audited())
                    .containsExactly(new Audited(robot, "ROBOT", "READ", "CareSession", session, patient, SUCCESS,
                            LOOPBACK));
        }

        @Test
        void startingCompletingAndCancellingAreAuditedAsUpdates() {
            String running = fixtures.schedule(token, patient, robot);
            String cancelled = fixtures.schedule(token, patient, robot);

            assertThat(send(api.post("/api/v1/sessions/" + running + "/start").token(token), 200).audited())
                    .containsExactly(byClinician("UPDATE", "CareSession", running, patient, SUCCESS));
            assertThat(send(api.post("/api/v1/sessions/" + running + "/complete").token(token), 200).audited())
                    .containsExactly(byClinician("UPDATE", "CareSession", running, patient, SUCCESS));
            assertThat(send(api.post("/api/v1/sessions/" + cancelled + "/cancel").token(token)
                    .json("{\"reason\": \"transferred\"}"), 200).audited())
                    .containsExactly(byClinician("UPDATE", "CareSession", cancelled, patient, SUCCESS));
        }
    }

    @Nested
    class Review {

        @Test
        void readingTheTranscriptIsAuditedAsAReadOfIt() {
            assertThat(send(api.get("/api/v1/sessions/" + ended + "/transcript").token(token), 200).audited())
                    .containsExactly(byClinician("READ", "Transcript", ended, patient, SUCCESS));
        }

        @Test
        void writingANoteIsAuditedAsItsCreation_andReadingTheNotesAsARead() {
            Sent written = send(api.post("/api/v1/sessions/" + ended + "/notes").token(token)
                    .json("{\"text\": \"Asked about family.\"}"), 201);
            String note = written.answer().json().get("id").asString();
            assertThat(written.audited()).containsExactly(byClinician("CREATE", "ReviewNote", note, patient, SUCCESS));

            assertThat(send(api.get("/api/v1/sessions/" + ended + "/notes").token(token), 200).audited())
                    .containsExactly(byClinician("READ", "ReviewNote", ended, patient, SUCCESS));
        }

        @Test
        void ratingIsAuditedAsACreationFirstAndAnUpdateAfter_andReadingItAsARead() {
            String rated = fixtures.schedule(token, patient, robot);
            fixtures.start(token, rated);
            fixtures.complete(token, rated);
            String rating = "/api/v1/sessions/" + rated + "/rating";

            assertThat(send(api.put(rating).token(token).json("{\"score\": 3}"), 200).audited())
                    .containsExactly(byClinician("CREATE", "CareExperienceRating", rated, patient, SUCCESS));
            assertThat(send(api.put(rating).token(token).json("{\"score\": 4}"), 200).audited())
                    .containsExactly(byClinician("UPDATE", "CareExperienceRating", rated, patient, SUCCESS));
            assertThat(send(api.get(rating).token(token), 200).audited())
                    .containsExactly(byClinician("READ", "CareExperienceRating", rated, patient, SUCCESS));
        }
    }

    @Nested
    class Refusals {

        private Audited anonymous(String action, String type, String id, String patientId) {
            return new Audited("anonymous", "ANONYMOUS", action, type, id, patientId, DENIED, LOOPBACK);
        }

        @Test
        void aRequestWithoutATokenIsAuditedAsDeniedToAnAnonymousActor() {
            assertThat(send(api.get("/api/v1/patients/" + patient), 401).audited())
                    .containsExactly(anonymous("READ", "Patient", patient, patient));
        }

        @Test
        void aRequestWithABadTokenIsAuditedAsDeniedToAnAnonymousActor() {
            assertThat(send(api.put("/api/v1/patients/" + patient + "/preferences")
                    .token(TestIssuer.expired(clinician, "clinician")).json("{\"notes\": []}"), 401).audited())
                    .containsExactly(anonymous("UPDATE", "Patient", patient, patient));
            assertThat(send(api.get("/api/v1/sessions/" + session).token(TestIssuer.tampered(clinician, "clinician")),
                    401).audited())
                    .containsExactly(anonymous("READ", "CareSession", session, null));
        }

        @Test
        void aRoleTheTableRefusesIsAuditedAsDeniedToTheCallerInTheirRole() {
            String auditor = unique("auditor");
            assertThat(send(api.get("/api/v1/patients/" + patient).token(TestIssuer.user(auditor, "auditor")), 403)
                    .audited())
                    .containsExactly(new Audited(auditor, "AUDITOR", "READ", "Patient", patient, patient, DENIED,
                            LOOPBACK));
            assertThat(send(api.get("/api/v1/patients/" + patient + "/consents").token(TestIssuer.robot(robot)), 403)
                    .audited())
                    .containsExactly(new Audited(robot, "ROBOT", "READ", "Patient", patient, patient, DENIED,
                            LOOPBACK));
            assertThat(send(api.get("/api/v1/patients/" + patient + "/care-team").token(token), 403).audited())
                    .containsExactly(byClinician("READ", "Patient", patient, patient, DENIED));
        }

        @Test
        void aClinicianOutsideTheCareTeamIsAuditedAsDenied_thoughTheAnswerIsNotFound() {
            String outsider = unique("dr-outsider");
            String outsiderToken = clinicianToken(outsider);

            Sent patientRead = send(api.get("/api/v1/patients/" + patient).token(outsiderToken), 404);
            Sent consentRead = send(api.get("/api/v1/patients/" + patient + "/consents/current")
                    .token(outsiderToken), 404);
            Sent sessionRead = send(api.get("/api/v1/sessions/" + session).token(outsiderToken), 404);
            Sent noteWritten = send(api.post("/api/v1/sessions/" + ended + "/notes").token(outsiderToken)
                    .json("{\"text\": \"not mine to write\"}"), 404);

            assertThat(patientRead.audited()).containsExactly(
                    new Audited(outsider, CLINICIAN, "READ", "Patient", patient, patient, DENIED, LOOPBACK));
            assertThat(consentRead.audited()).containsExactly(
                    new Audited(outsider, CLINICIAN, "READ", "Consent", patient, patient, DENIED, LOOPBACK));
            assertThat(sessionRead.audited()).containsExactly(
                    new Audited(outsider, CLINICIAN, "READ", "CareSession", session, patient, DENIED, LOOPBACK));
            assertThat(noteWritten.audited()).singleElement().satisfies(refused -> {
                assertThat(refused.actorId()).isEqualTo(outsider);
                assertThat(refused.action()).isEqualTo("CREATE");
                assertThat(refused.entityType()).isEqualTo("ReviewNote");
                assertThat(refused.patientId()).isEqualTo(patient);
                assertThat(refused.outcome()).isEqualTo(DENIED);
                assertThat(refused.sourceAddress()).isEqualTo(LOOPBACK);
            });
            assertThat(jdbc.sql("select count(*) from session_review_note where author = ?").param(outsider)
                    .query(Long.class).single()).isZero();
        }

        @Test
        void anotherRobotAskingForASessionIsAuditedAsDenied() {
            String other = fixtures.registerRobot();
            assertThat(send(api.get("/api/v1/sessions/" + session).token(TestIssuer.robot(other)), 404).audited())
                    .containsExactly(new Audited(other, "ROBOT", "READ", "CareSession", session, patient, DENIED,
                            LOOPBACK));
        }

        @Test
        void aRecordThatDoesNotExistIsAuditedAsAFailure() {
            String noPatient = UUID.randomUUID().toString();
            String noSession = UUID.randomUUID().toString();

            assertThat(send(api.get("/api/v1/patients/" + noPatient).token(token), 404).audited())
                    .containsExactly(byClinician("READ", "Patient", noPatient, noPatient, FAILURE));
            assertThat(send(api.get("/api/v1/sessions/" + noSession).token(token), 404).audited())
                    .containsExactly(byClinician("READ", "CareSession", noSession, null, FAILURE));
            assertThat(send(api.get("/api/v1/patients/" + noPatient + "/care-team").token(adminToken()), 404)
                    .audited()).containsExactly(new Audited(WebFixtures.ADMIN, "ADMIN", "READ", "CareTeam",
                    noPatient, null, FAILURE, LOOPBACK));
        }
    }
}
