package org.eecs.benchmarks;

import java.util.UUID;
import org.eecs.EecsApplication;
import org.eecs.testing.TestDatabase;
import org.eecs.testing.TestIssuer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole server for the FHIR benchmarks, on a fresh embedded PostgreSQL and trusting the in-process token
 * issuer, with care records made in bulk by SQL (many times faster than through the API, and the FHIR side reads
 * them exactly as it reads records the API made).
 */
final class FhirBenchmarkServer implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final JdbcClient jdbc;
    final int port;

    private FhirBenchmarkServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.jdbc = context.getBean(JdbcClient.class);
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static FhirBenchmarkServer start() {
        System.setProperty("eecs.test-database", "embedded");
        TestDatabase.Server database = TestDatabase.server();
        // as command-line arguments, which come before application.yaml
        return new FhirBenchmarkServer(new SpringApplicationBuilder(EecsApplication.class)
                .run("--server.port=0",
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=" + database.password(),
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.issuerUri(),
                        "--eecs.exports.directory=target/benchmark-fhir-export",
                        // the benchmark runs its export itself: the server's own worker must not take it first
                        "--eecs.exports.poll-every=1000d",
                        "--logging.level.root=WARN"));
    }

    String integrationToken() {
        return TestIssuer.user("integration-his", "integration");
    }

    /**
     * Patients with their sessions (completed, with a rating each), turns and emotion observations (seven
     * probabilities each, like the facial expression model's), all made at once in SQL.
     *
     * @return the first patient's id
     */
    UUID seed(int patients, int sessionsPerPatient, int turnsPerSession, int observationsPerTurn) {
        String robot = "bench-robot";
        jdbc.sql("insert into robot (id, name, model, profile_reference) values (?, 'Ward robot', 'humanoid-h1',"
                + " 'profiles/h1.yaml') on conflict do nothing").param(robot).update();
        jdbc.sql("""
                insert into patient (id, alias, birth_year, gender, preferred_language, identifier_system,
                                     identifier_value)
                select md5('patient' || p)::uuid, 'Patient ' || p, 1940 + p % 60, 'UNDISCLOSED', 'en',
                       'urn:oid:1.2.3.4', 'MRN-' || p
                from generate_series(1, ?) p""").param(patients).update();
        jdbc.sql("""
                insert into care_session (id, patient_id, robot_id, window_start, window_end, care_goal,
                                          emotion_input, state, started_at, ended_at)
                select md5('session' || p || '-' || s)::uuid, md5('patient' || p)::uuid, ?,
                       timestamptz '2020-01-01' + ((p * 1000 + s) || ' hours')::interval,
                       timestamptz '2020-01-01' + ((p * 1000 + s) || ' hours')::interval + interval '1 hour',
                       'ease anxiety', true, 'COMPLETED',
                       timestamptz '2020-01-01' + ((p * 1000 + s) || ' hours')::interval,
                       timestamptz '2020-01-01' + ((p * 1000 + s) || ' hours')::interval + interval '50 minutes'
                from generate_series(1, ?) p, generate_series(1, ?) s""")
                .params(robot, patients, sessionsPerPatient).update();
        jdbc.sql("""
                insert into care_experience_rating (session_id, score, rated_at)
                select id, 1 + abs(hashtext(id::text)) % 5, ended_at from care_session where robot_id = ?""")
                .param(robot).update();
        jdbc.sql("""
                insert into turn (id, session_id, sequence, occurred_at, utterance, response_text, response_tone,
                                  response_face, response_motion, emotion_withheld)
                select md5(s.id::text || t)::uuid, s.id, t, s.started_at + (t || ' seconds')::interval,
                       'I feel worried.', 'I am here with you.', 'GENTLE', 'CONCERNED', 'LEAN_FORWARD_AND_NOD', false
                from care_session s, generate_series(1, ?) t where s.robot_id = ?""")
                .params(turnsPerSession, robot).update();
        jdbc.sql("""
                insert into emotion_observation (turn_id, position, modality, confidence, model_name, model_version,
                                                 window_start, window_end)
                select t.id, o - 1, 'FACE', 0.8, 'fer2013-minixception', '1', t.occurred_at - interval '4 seconds',
                       t.occurred_at
                from turn t join care_session s on s.id = t.session_id, generate_series(1, ?) o
                where s.robot_id = ?""").params(observationsPerTurn, robot).update();
        jdbc.sql("""
                insert into emotion_probability (observation_id, position, emotion_class, probability)
                select o.id, c.position, c.name, c.p
                from emotion_observation o,
                     (values (0, 'angry', 0.05), (1, 'disgust', 0.05), (2, 'fear', 0.5), (3, 'happy', 0.05),
                             (4, 'sad', 0.2), (5, 'surprise', 0.05), (6, 'neutral', 0.1)) as c(position, name, p)""")
                .update();
        jdbc.sql("analyze").update();
        return jdbc.sql("select md5('patient1')::uuid").query(UUID.class).single();
    }

    @Override
    public void close() {
        context.close();
    }
}
