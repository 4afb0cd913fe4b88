package org.ecarehub.transparency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.ecarehub.cli.EcareCli;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecare log witness} against a running hub: keeps heads that extend each other, and cries fork otherwise. */
@Tag("database")
class LogWitnessIntegrationTests {

    @TempDir
    static Path dataDir;

    @TempDir
    Path state;

    static RunningHub hub;

    @BeforeAll
    static void startHub() {
        hub = RunningHub.start(
                "demo",
                dataDir,
                TestDatabase.fresh(dataDir),
                Map.of("ecare.demo.people", 0, "ecare.log.sequence-interval", "1h"));
        appendAndSequence(3);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static void appendAndSequence(int events) {
        for (int i = 0; i < events; i++) {
            hub.bean(TransparencyLog.class)
                    .append(new LogEvent(
                            EventType.ACCESS,
                            Instant.now(),
                            LogEvent.Who.staff("sw.hamilton", "slc-social-work", List.of("social-worker")),
                            LogEvent.What.of("read", List.of("contacts")),
                            null,
                            LogEvent.Why.of("direct-care", 1)));
        }
        hub.bean(StoredTransparencyLog.class).sequenceNow();
    }

    record Run(int exitCode, String out, String err) {}

    Run witness(String url) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = EcareCli.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "log",
                "witness",
                "--url",
                url,
                "--state",
                state.toString());
        return new Run(exitCode, out.toString(), err.toString());
    }

    Run witness() {
        return witness(hub.uri("/").toString());
    }

    @Test
    void keepsTheFirstHeadThenAcceptsOneThatExtendsIt() {
        Run first = witness();
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("kept the tree head of size");

        appendAndSequence(5);
        Run second = witness();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).startsWith("the tree grew from");

        assertThat(witness().out()).contains("is unchanged");
    }

    @Test
    void exitsFourWhenTheHubShowsAnotherRootForAKeptSize() throws IOException {
        assertThat(witness().exitCode()).isZero();
        rewriteKept("sha256_root_hash", "\"" + Base64.getEncoder().encodeToString(new byte[32]) + "\"");

        Run run = witness();

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).startsWith("fork:");
    }

    @Test
    void exitsFourWhenTheKeptTreeIsNotAPrefixOfTheNewOne() throws IOException {
        assertThat(witness().exitCode()).isZero();
        rewriteKept("sha256_root_hash", "\"" + Base64.getEncoder().encodeToString(new byte[32]) + "\"");
        appendAndSequence(2);

        Run run = witness();

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).startsWith("fork: the tree of size");
    }

    @Test
    void exitsFourWhenTheHubShowsFewerLeavesThanKept() throws IOException {
        assertThat(witness().exitCode()).isZero();
        rewriteKept("tree_size", "1000000");

        Run run = witness();

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).startsWith("rollback:");
    }

    @Test
    void exitsThreeWhenTheHubCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Run run = witness("http://127.0.0.1:" + closedPort + "/");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(Files.exists(state.resolve("witness.json"))).isFalse();
    }

    void rewriteKept(String field, String json) throws IOException {
        Path file = state.resolve("witness.json");
        String kept = Files.readString(file);
        Files.writeString(
                file, kept.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+)", "\"" + field + "\":" + json));
    }
}
