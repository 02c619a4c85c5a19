package org.eecs.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One page of a patient's Observations, {@code _count=100}, out of 10,000 (100 sessions of 50 turns with two
 * emotion observations each, and the 100 ratings), over HTTP with a real token, following the {@code next} links
 * and starting again at the end: the time per page is what hospital IT waits for each page (the server's audit
 * append included); pages per second is its inverse.
 * Run: ./mvnw -pl adapters -am -DskipTests test-compile exec:exec@bench -Dbench=FhirSearch
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class FhirSearchBenchmark {

    private static final Pattern NEXT = Pattern.compile("\"relation\":\"next\",\"url\":\"([^\"]+)\"");

    private FhirBenchmarkServer server;
    private HttpClient http;
    private String token;
    private String firstPage;
    private String nextPage;

    @Setup(Level.Trial)
    public void seed() {
        server = FhirBenchmarkServer.start();
        UUID patient = server.seed(1, 100, 50, 2);
        long count = server.jdbc.sql("select count(*) from emotion_observation").query(Long.class).single();
        System.out.println("seeded " + count + " emotion observations and 100 ratings for patient " + patient);
        http = HttpClient.newHttpClient();
        token = server.integrationToken();
        firstPage = "http://127.0.0.1:" + server.port + "/fhir/Observation?patient=" + patient + "&_count=100";
        nextPage = firstPage;
    }

    @Benchmark
    public int onePage() throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(nextPage))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException(page.statusCode() + " " + page.body());
        }
        Matcher next = NEXT.matcher(page.body());
        nextPage = next.find() ? next.group(1) : firstPage;
        return page.body().length();
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
    }
}
