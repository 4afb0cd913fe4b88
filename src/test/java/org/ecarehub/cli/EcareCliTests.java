package org.ecarehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcareCliTests {

    record Run(int exitCode, String out, String err) {}

    static Run ecare(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EcareCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Nested
    class Usage {

        @Test
        void exitsWithTwoOnAnUnknownCommand() {
            Run run = ecare("frobnicate");

            assertThat(run.exitCode()).isEqualTo(EcareCli.USAGE);
            assertThat(run.err()).contains("Usage: ecare");
            assertThat(run.out()).isEmpty();
        }

        @Test
        void exitsWithTwoOnAnUnknownFlag() {
            Run run = ecare("serve", "--no-such-flag");

            assertThat(run.exitCode()).isEqualTo(EcareCli.USAGE);
            assertThat(run.err()).contains("--no-such-flag");
        }

        @Test
        void exitsWithTwoWithoutASubCommand() {
            assertThat(ecare().exitCode()).isEqualTo(EcareCli.USAGE);
        }

        @Test
        void exitsWithTwoOnAPortThatIsNotANumber() {
            assertThat(ecare("demo", "--port", "eighty").exitCode()).isEqualTo(EcareCli.USAGE);
        }

        @Test
        void listsEverySubCommandInItsHelp() {
            Run run = ecare("--help");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("serve", "demo", "token", "partnership");
        }

        @Test
        void exitsWithTwoWithoutAPersonFileToImport() {
            Run run = ecare("import", "persons");

            assertThat(run.exitCode()).isEqualTo(EcareCli.USAGE);
            assertThat(run.err()).contains("FILE");
            assertThat(ecare("--help").out()).contains("import");
        }

        @Test
        void printsItsVersion() {
            Run run = ecare("--version");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("eCare Hub");
        }

        @Test
        void documentsEveryFlagOfTheServerCommandsWithItsEnvironmentVariable() {
            String help = ecare("serve", "--help").out();

            for (String flag : List.of(
                    "--port",
                    "--data-dir",
                    "--db-url",
                    "--db-user",
                    "--db-password",
                    "--partnership",
                    "--oidc-issuer",
                    "--smtp-url",
                    "--log-key-file",
                    "--base-url")) {
                assertThat(help).contains(flag);
            }
            assertThat(help).contains("ECARE_PORT", "ECARE_DATA_DIR", "ECARE_DB_URL", "ECARE_BASE_URL");
            assertThat(ecare("demo", "--help").out()).contains("--people", "--reset");
        }
    }

    @Nested
    class UnreachableDatabase {

        @Test
        void exitsWithThreeAndOneLineWhenNothingListens(@TempDir Path dataDir) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }

            Run run = ecare(
                    "serve",
                    "--data-dir",
                    dataDir.toString(),
                    "--db-url",
                    "jdbc:postgresql://127.0.0.1:" + port + "/ecare",
                    "--db-user",
                    "ecare");

            assertThat(run.exitCode()).isEqualTo(EcareCli.UNREACHABLE);
            assertThat(run.err().strip().lines()).hasSize(1);
            assertThat(run.err()).contains("cannot reach the database").doesNotContain("\tat ");
            assertThat(run.out()).isEmpty();
        }

        @Test
        void givesUpWithinTenSecondsOnADatabaseThatNeverAnswers(@TempDir Path dataDir) throws Exception {
            List<Socket> accepted = new ArrayList<>();
            try (ServerSocket silent = new ServerSocket(0)) {
                Thread acceptor = new Thread(() -> {
                    try {
                        while (true) {
                            accepted.add(silent.accept());
                        }
                    } catch (IOException closed) {
                        // the test is over
                    }
                });
                acceptor.setDaemon(true);
                acceptor.start();
                Instant start = Instant.now();

                Run run = ecare(
                        "serve",
                        "--data-dir",
                        dataDir.toString(),
                        "--db-url",
                        "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/ecare",
                        "--db-user",
                        "ecare");

                assertThat(run.exitCode()).isEqualTo(EcareCli.UNREACHABLE);
                assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(12));
                assertThat(run.err().strip().lines()).hasSize(1);
            } finally {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Nested
    class Token {

        @Test
        void exitsWithThreeWhenNoHubListens(@TempDir Path dataDir) throws IOException {
            Files.createDirectories(dataDir.resolve("identity"));
            Files.writeString(dataDir.resolve("identity/token-secret"), "secret");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }

            Run run = ecare(
                    "token",
                    "--user",
                    "sw.hamilton",
                    "--url",
                    "http://127.0.0.1:" + port,
                    "--data-dir",
                    dataDir.toString());

            assertThat(run.exitCode()).isEqualTo(EcareCli.UNREACHABLE);
            assertThat(run.out()).isEmpty();
        }

        @Test
        void exitsWithOneWithoutTheSecretFile(@TempDir Path dataDir) {
            Run run = ecare("token", "--user", "sw.hamilton", "--data-dir", dataDir.toString());

            assertThat(run.exitCode()).isEqualTo(EcareCli.FAILURE);
            assertThat(run.err()).contains("token secret");
            assertThat(run.out()).isEmpty();
        }

        @Test
        void exitsWithTwoWithoutAUser() {
            assertThat(ecare("token").exitCode()).isEqualTo(EcareCli.USAGE);
        }
    }

    @Nested
    class PartnershipValidate {

        @Test
        void acceptsTheDemoPartnership(@TempDir Path directory) throws IOException {
            Path file = directory.resolve("demo.yaml");
            try (var in = EcareCliTests.class.getResourceAsStream("/demo/partnership.yaml")) {
                Files.write(file, in.readAllBytes());
            }

            Run run = ecare("partnership", "validate", file.toString());

            assertThat(run.exitCode()).as(run.out()).isZero();
        }

        @Test
        void reportsEveryProblemWithItsLineAndExitsWithOne(@TempDir Path directory) throws IOException {
            Path file = directory.resolve("bad.yaml");
            Files.writeString(
                    file,
                    "name: Test\nagencies:\n  - id: a\n    name: A\n    type: spaceship\n  - id: a\n"
                            + "    name: A again\n    type: police\n");

            Run run = ecare("partnership", "validate", file.toString());

            assertThat(run.exitCode()).isEqualTo(EcareCli.FAILURE);
            assertThat(run.out()).contains("bad.yaml:5:").contains("bad.yaml:6:");
        }

        @Test
        void reportsMalformedYamlWithItsLine(@TempDir Path directory) throws IOException {
            Path file = directory.resolve("broken.yaml");
            Files.writeString(file, "name: Test\nagencies:\n  - id: [unclosed\n");

            Run run = ecare("partnership", "validate", file.toString());

            assertThat(run.exitCode()).isEqualTo(EcareCli.FAILURE);
            assertThat(run.out()).contains("broken.yaml:");
        }

        @Test
        void exitsWithOneOnAMissingFile(@TempDir Path directory) {
            Run run = ecare(
                    "partnership", "validate", directory.resolve("absent.yaml").toString());

            assertThat(run.exitCode()).isEqualTo(EcareCli.FAILURE);
            assertThat(run.err()).contains("cannot read");
        }
    }
}
