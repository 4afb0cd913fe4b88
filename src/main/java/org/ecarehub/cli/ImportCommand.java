package org.ecarehub.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ecarehub.person.PersonFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Commands that send data to the running hub. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Send data to the running hub.",
        subcommands = {ImportCommand.Persons.class})
final class ImportCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing sub-command");
    }

    /**
     * Sends person files to the running standalone hub as the system of the agency the rows name, with a token from
     * the hub's embedded issuer, as {@code ./ecare token --agency} gets one.
     */
    @Command(
            name = "persons",
            mixinStandardHelpOptions = true,
            description = "Send person files (CSV) to the running hub's person index, each as the system of the agency"
                    + " its first row names; rows of another agency are refused. Problems and a summary go to"
                    + " standard error. Exit 0 unless --strict found a problem, a file was refused, or nothing could be"
                    + " read; 3 when the hub cannot be reached.")
    static final class Persons implements Callable<Integer> {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Person files (CSV).")
        List<Path> files;

        @Option(
                names = "--url",
                defaultValue = "http://localhost:8080",
                description = "The hub (default ${DEFAULT-VALUE}).")
        URI url;

        @Option(
                names = "--data-dir",
                defaultValue = "${env:ECARE_DATA_DIR:-./data}",
                description = "The hub's data directory, which holds the token secret (default ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--agency", description = "Send every file as this agency's system, whatever its rows name.")
        String agency;

        @Option(names = "--strict", description = "Store nothing of a file in which any row has a problem.")
        boolean strict;

        @Spec
        CommandSpec spec;

        private final Map<String, HubTokens.Answer> tokens = new HashMap<>();

        /** The counts of the hub's answers, over every file. */
        private long read, stored, unchanged, linked, review, newPersons, rejected;

        private boolean failed;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            for (Path file : files) {
                Integer unreachable = send(file, err);
                if (unreachable != null) {
                    return unreachable;
                }
            }
            err.printf(
                    Locale.ROOT,
                    "ecare import: %d read, %d stored, %d unchanged, %d linked, %d review, %d new persons,"
                            + " %d rejected%n",
                    read,
                    stored,
                    unchanged,
                    linked,
                    review,
                    newPersons,
                    rejected);
            if (failed || (strict && rejected > 0) || read == 0) {
                return EcareCli.FAILURE;
            }
            return EcareCli.OK;
        }

        /** Sends one file; returns an exit code only when the hub cannot be reached. */
        private Integer send(Path file, PrintWriter err) throws InterruptedException {
            String name = file.toString();
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                err.println("ecare import: " + name + ": cannot be read ("
                        + e.getClass().getSimpleName() + ")");
                rejected++;
                failed = true;
                return null;
            }
            String sender = agency != null ? agency : agencyOfFirstRow(name, content, err);
            if (sender == null) {
                failed = true;
                return null;
            }
            HubTokens.Answer token =
                    tokens.computeIfAbsent(sender, key -> HubTokens.forAgencySystem(url, dataDir, key));
            if (!token.ok()) {
                err.println("ecare import: " + token.problem());
                if (token.exitCode() == EcareCli.UNREACHABLE) {
                    return EcareCli.UNREACHABLE;
                }
                failed = true;
                return null;
            }
            HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/person-files?file="
                            + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&strict=" + strict))
                    .header("Authorization", "Bearer " + token.token())
                    .header("Content-Type", "text/csv; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                    .build();
            HttpResponse<String> response;
            try {
                response = HubTokens.client().send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                err.println("ecare import: cannot reach the hub at " + url);
                return EcareCli.UNREACHABLE;
            } catch (IOException e) {
                err.println("ecare import: cannot reach the hub at " + url + ": " + e.getMessage());
                return EcareCli.UNREACHABLE;
            }
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (RuntimeException e) {
                err.println("ecare import: " + name + ": the hub answered " + response.statusCode());
                failed = true;
                return null;
            }
            if (!body.has("problems")) {
                err.println("ecare import: " + name + ": "
                        + body.path("message").asString("the hub answered " + response.statusCode()));
                failed = true;
                return null;
            }
            for (JsonNode problem : body.get("problems")) {
                long line = problem.path("line").asLong();
                err.println("ecare import: "
                        + new PersonFiles.Problem(
                                problem.path("file").asString(),
                                line,
                                problem.path("message").asString()));
            }
            read += body.path("read").asLong();
            stored += body.path("stored").asLong();
            unchanged += body.path("unchanged").asLong();
            linked += body.path("linked").asLong();
            review += body.path("review").asLong();
            newPersons += body.path("newPersons").asLong();
            rejected += body.path("rejected").asLong();
            if (response.statusCode() != 200) {
                err.println("ecare import: " + name + ": "
                        + ("refused".equals(body.path("status").asString())
                                ? "refused whole under --strict; nothing of it was stored"
                                : "stopped; the rows reported from the one above were not stored"));
                failed = true;
            }
            return null;
        }

        /** The agency the file's first readable row names; or, when none can be read, the problems, shown here. */
        private String agencyOfFirstRow(String name, byte[] content, PrintWriter err) {
            PersonFiles.Read parsed = PersonFiles.read(name, new ByteArrayInputStream(content));
            if (!parsed.rows().isEmpty()) {
                return parsed.rows().get(0).record().agency().strip();
            }
            parsed.problems().forEach(problem -> err.println("ecare import: " + problem));
            rejected += parsed.problems().size();
            err.println("ecare import: " + name + ": no row names an agency to send the file as; nothing sent");
            return null;
        }
    }
}
