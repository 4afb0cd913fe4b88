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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the running standalone hub's embedded issuer for a token, as its operator: from the hub's machine, with the
 * secret the hub keeps in its data directory.
 */
final class HubTokens {

    /** Where the hub keeps the secret that proves the caller is its operator; see the identity module. */
    static final String SECRET_FILE = "identity/token-secret";

    /** A token, or why there is none and the exit code that says so. */
    record Answer(String token, int exitCode, String problem) {

        static Answer failed(int exitCode, String problem) {
            return new Answer(null, exitCode, problem);
        }

        boolean ok() {
            return token != null;
        }
    }

    private HubTokens() {}

    /** A staff account's token, for a purpose or the default one. */
    static Answer forStaff(URI hub, Path dataDir, String user, String purpose) {
        return request(
                hub,
                dataDir,
                "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + (purpose == null ? "" : "&purpose=" + URLEncoder.encode(purpose, StandardCharsets.UTF_8)));
    }

    /** A token for an agency's own system. */
    static Answer forAgencySystem(URI hub, Path dataDir, String agency) {
        return request(hub, dataDir, "agency=" + URLEncoder.encode(agency, StandardCharsets.UTF_8));
    }

    private static Answer request(URI hub, Path dataDir, String form) {
        Path secretFile = dataDir.resolve(SECRET_FILE);
        String secret;
        try {
            secret = Files.readString(secretFile).strip();
        } catch (IOException e) {
            return Answer.failed(
                    EcareCli.FAILURE,
                    "cannot read the token secret " + secretFile
                            + " (run this as the hub's operator, with the hub's --data-dir)");
        }
        HttpRequest request = HttpRequest.newBuilder(hub.resolve("/internal/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Ecare-Token-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return Answer.failed(EcareCli.UNREACHABLE, "cannot reach the hub at " + hub);
        } catch (IOException e) {
            return Answer.failed(EcareCli.UNREACHABLE, "cannot reach the hub at " + hub + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed(EcareCli.FAILURE, "interrupted");
        }
        JsonNode body;
        try {
            body = JsonMapper.builder().build().readTree(response.body());
        } catch (RuntimeException e) {
            return Answer.failed(EcareCli.FAILURE, "the hub answered " + response.statusCode() + " without a token");
        }
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            String message = body.path("message").asString("the hub answered " + response.statusCode());
            return Answer.failed(EcareCli.FAILURE, "token refused: " + message);
        }
        return new Answer(body.get("access_token").asString(), EcareCli.OK, null);
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }
}
