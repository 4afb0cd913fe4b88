package org.ecarehub.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Asks the running standalone hub for a 15-minute token for a staff account, and prints only the token. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Print a 15-minute API token for a staff account of the running hub.")
final class TokenCommand implements Callable<Integer> {

    /** Where the hub keeps the secret that proves the caller is its operator; see the identity module. */
    static final String SECRET_FILE = "identity/token-secret";

    @Option(names = "--user", required = true, description = "Staff account.")
    String user;

    @Option(names = "--purpose", description = "Purpose of use (default: direct-care).")
    String purpose;

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Path secretFile = dataDir.resolve(SECRET_FILE);
        String secret;
        try {
            secret = Files.readString(secretFile).strip();
        } catch (IOException e) {
            spec.commandLine()
                    .getErr()
                    .println("ecare: cannot read the token secret " + secretFile
                            + " (run this as the hub's operator, with the hub's --data-dir)");
            return EcareCli.FAILURE;
        }
        String form = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + (purpose == null ? "" : "&purpose=" + URLEncoder.encode(purpose, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/internal/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Ecare-Token-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            spec.commandLine().getErr().println("ecare: cannot reach the hub at " + url);
            return EcareCli.UNREACHABLE;
        } catch (IOException e) {
            spec.commandLine().getErr().println("ecare: cannot reach the hub at " + url + ": " + e.getMessage());
            return EcareCli.UNREACHABLE;
        }
        JsonNode body;
        try {
            body = JsonMapper.builder().build().readTree(response.body());
        } catch (RuntimeException e) {
            spec.commandLine()
                    .getErr()
                    .println("ecare: the hub answered " + response.statusCode() + " without a token");
            return EcareCli.FAILURE;
        }
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            String message = body.path("message").asString("the hub answered " + response.statusCode());
            spec.commandLine().getErr().println("ecare: token refused: " + message);
            return EcareCli.FAILURE;
        }
        spec.commandLine().getOut().println(body.get("access_token").asString());
        return EcareCli.OK;
    }
}
