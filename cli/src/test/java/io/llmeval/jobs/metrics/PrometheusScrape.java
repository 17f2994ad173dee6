package io.llmeval.jobs.metrics;

import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** Test helpers: a free port for the Prometheus reporter, and polling its scrape (of a running job) until a pattern appears. */
final class PrometheusScrape {

    private PrometheusScrape() {}

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the evaluation job of {@code settings} in the background, scrapes until {@code wanted} shows (as
     * {@link #scrapeUntil}), cancels the job and returns the scrape.
     */
    static String scrapeWhileRunning(EvalJobSettings settings, int port, Pattern wanted, Duration timeout,
                                     String shown) throws Exception {
        StreamExecutionEnvironment env = EvalJob.environment(settings);
        EvalJob.define(env, settings);
        JobClient job = env.executeAsync("prometheus-scrape");
        try {
            return scrapeUntil(port, wanted, timeout, shown);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * The first scrape of {@code http://127.0.0.1:PORT/metrics} that matches {@code wanted}; fails after
     * {@code timeout} with the scraped lines containing {@code shown}.
     */
    static String scrapeUntil(int port, Pattern wanted, Duration timeout, String shown) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            try {
                body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (wanted.matcher(body).find()) {
                    return body;
                }
            } catch (IOException notUpYet) {
                // the reporter starts with the task manager
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + wanted + " in the scrape within " + timeout + ":\n"
                + body.lines().filter(l -> l.contains(shown)).limit(40).reduce("", (a, b) -> a + b + "\n"));
    }
}
