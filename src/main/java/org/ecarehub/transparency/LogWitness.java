package org.ecarehub.transparency;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.transparency.merkle.ProofException;
import org.ecarehub.transparency.merkle.ProofVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A witness of a hub's log, run by a partner agency that does not trust the hub: fetches the signed tree head,
 * checks its signature with the key it first saw, checks that it extends the head it kept last time (a
 * consistency proof), and keeps the new head. It needs nothing from the hub but the public HTTP API.
 */
public final class LogWitness {

    static final String STATE_FILE = "witness.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one check found. */
    public enum Outcome {
        /** The first head this witness has seen of the hub; kept, with the hub's key. */
        FIRST_SEEN,
        /** The head extends the kept one (or is the same); kept. */
        CONSISTENT,
        /** The hub showed a tree that does not extend the kept one: two histories. */
        FORK,
        /** The hub showed a smaller tree than before. */
        ROLLBACK,
        /** The hub answered, but not with what the contract promises (a bad signature, a malformed answer). */
        INVALID,
        /** The hub could not be reached. */
        UNREACHABLE
    }

    public record Result(Outcome outcome, String message) {}

    private final URI hub;
    private final Path stateDir;
    private final HttpClient client;

    public LogWitness(URI hub, Path stateDir) {
        this.hub = hub;
        this.stateDir = stateDir;
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public Result check() throws InterruptedException {
        Path stateFile = stateDir.resolve(STATE_FILE);
        JsonNode kept;
        try {
            kept = Files.exists(stateFile) ? JSON.readTree(Files.readString(stateFile)) : null;
        } catch (IOException | RuntimeException e) {
            return new Result(Outcome.INVALID, "cannot read the witness state " + stateFile + ": " + e.getMessage());
        }
        try {
            String keyBase64 = kept != null
                    ? kept.get("key").asString()
                    : get("/log/v1/public-key").get("key").asString();
            PublicKey key = SignedTreeHead.ed25519PublicKey(Base64.getDecoder().decode(keyBase64));
            JsonNode head = get("/log/v1/get-sth");
            long size = head.get("tree_size").asLong();
            long timestamp = head.get("timestamp").asLong();
            byte[] root =
                    Base64.getDecoder().decode(head.get("sha256_root_hash").asString());
            byte[] signature =
                    Base64.getDecoder().decode(head.get("tree_head_signature").asString());
            if (!new SignedTreeHead(size, timestamp, root, signature, null).isSignedBy(key)) {
                return new Result(
                        Outcome.INVALID,
                        "the tree head of size " + size + " is not signed by the key this witness keeps"
                                + " (a new key after a rotation must be given to the witness by the hub's operator)");
            }
            if (kept == null) {
                save(stateFile, keyBase64, head);
                return new Result(Outcome.FIRST_SEEN, "kept the tree head of size " + size);
            }
            long keptSize = kept.get("tree_size").asLong();
            byte[] keptRoot =
                    Base64.getDecoder().decode(kept.get("sha256_root_hash").asString());
            if (size < keptSize) {
                return new Result(
                        Outcome.ROLLBACK, "the hub shows " + size + " leaves, fewer than the " + keptSize + " kept");
            }
            if (size == keptSize) {
                if (!Arrays.equals(root, keptRoot)) {
                    return new Result(Outcome.FORK, "the hub shows another root for the kept tree size " + size);
                }
                save(stateFile, keyBase64, head);
                return new Result(Outcome.CONSISTENT, "the tree head of size " + size + " is unchanged");
            }
            List<byte[]> proof = new ArrayList<>();
            get("/log/v1/get-sth-consistency?first=" + keptSize + "&second=" + size)
                    .get("consistency")
                    .forEach(node -> proof.add(Base64.getDecoder().decode(node.asString())));
            try {
                ProofVerifier.verifyConsistency(keptSize, size, proof, keptRoot, root);
            } catch (ProofException e) {
                return new Result(
                        Outcome.FORK,
                        "the tree of size " + size + " does not extend the kept tree of size " + keptSize + ": "
                                + e.getMessage());
            }
            save(stateFile, keyBase64, head);
            return new Result(Outcome.CONSISTENT, "the tree grew from " + keptSize + " to " + size + " leaves");
        } catch (Unreachable e) {
            return new Result(Outcome.UNREACHABLE, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Result(Outcome.INVALID, "the hub's answer is not what the log contract promises: " + e);
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(hub.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable(
                    "cannot reach the hub at " + hub + ": " + e.getClass().getSimpleName());
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private void save(Path stateFile, String keyBase64, JsonNode head) throws IOException {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("url", hub.toString());
        state.put("key", keyBase64);
        state.put("tree_size", head.get("tree_size").asLong());
        state.put("timestamp", head.get("timestamp").asLong());
        state.put("sha256_root_hash", head.get("sha256_root_hash").asString());
        state.put("tree_head_signature", head.get("tree_head_signature").asString());
        Files.createDirectories(stateDir);
        Path temporary = stateDir.resolve(STATE_FILE + ".new");
        Files.writeString(temporary, JSON.writeValueAsString(state), StandardCharsets.UTF_8);
        Files.move(temporary, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static final class Unreachable extends IOException {
        Unreachable(String message) {
            super(message);
        }
    }
}
