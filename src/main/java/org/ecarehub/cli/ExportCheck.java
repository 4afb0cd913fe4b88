package org.ecarehub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ecarehub.transparency.EventProofs;
import org.ecarehub.transparency.SignedTreeHead;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a subject access export of a person's history without the hub: every entry shown against the export's signed
 * tree head (leaf, inclusion proof), the head's signature by the log's key, and each person's chain for gaps. Problems
 * name entries by their place in the file and the log, never by what they say.
 */
final class ExportCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What was found, and the key id the head was checked with (to compare with the one the log publishes). */
    record Report(List<String> problems, int entries, int shown, String keyId) {}

    private ExportCheck() {}

    static Report check(Path file, List<byte[]> trustedKeys) throws IOException {
        List<String> problems = new ArrayList<>();
        JsonNode export;
        try {
            export = JSON.readTree(Files.readString(file));
        } catch (JacksonException e) {
            return new Report(List.of("the file is not JSON"), 0, 0, null);
        }
        if (!"ecare-history-1".equals(export.path("format").asString(""))) {
            problems.add("the file is not an eCare Hub history export (format ecare-history-1)");
            return new Report(problems, 0, 0, null);
        }
        byte[] keyDer;
        PublicKey key;
        String keyId = export.path("public_key").path("key_id").asString("");
        try {
            keyDer = Base64.getDecoder()
                    .decode(export.path("public_key").path("key").asString(""));
            key = SignedTreeHead.ed25519PublicKey(keyDer);
        } catch (IllegalArgumentException e) {
            return new Report(List.of("the export's public key is not an Ed25519 key"), 0, 0, keyId);
        }
        if (!keyId.equals(Base64.getEncoder().encodeToString(EventProofs.sha256(keyDer)))) {
            problems.add("the key id is not the SHA-256 of the export's key");
        }
        if (!trustedKeys.isEmpty()
                && trustedKeys.stream().noneMatch(trusted -> java.util.Arrays.equals(trusted, keyDer))) {
            problems.add("the export's key is none of the trusted keys");
        }
        JsonNode headJson = export.path("tree_head");
        SignedTreeHead head = null;
        if (headJson.isObject()) {
            try {
                head = new SignedTreeHead(
                        headJson.path("tree_size").asLong(),
                        headJson.path("timestamp").asLong(),
                        Base64.getDecoder()
                                .decode(headJson.path("sha256_root_hash").asString("")),
                        Base64.getDecoder()
                                .decode(headJson.path("tree_head_signature").asString("")),
                        headJson.path("key_id").asString(""));
            } catch (IllegalArgumentException e) {
                problems.add("the tree head is malformed");
            }
        }
        if (head != null && (head.rootHash().length != 32 || !head.isSignedBy(key))) {
            problems.add("the tree head's signature does not hold for the export's key");
        }
        int index = 0;
        int shown = 0;
        Map<String, TreeMap<Long, long[]>> chains = new HashMap<>();
        for (JsonNode entry : export.path("entries")) {
            String where = "entry " + index++;
            JsonNode chain = entry.path("chain");
            if (chain.isObject()) {
                long previous = chain.path("previous_leaf").isNull()
                        ? -1
                        : chain.path("previous_leaf").asLong();
                long[] link = {chain.path("leaf_index").asLong(), previous};
                if (chains.computeIfAbsent(chain.path("person").asString(""), person -> new TreeMap<>())
                                .put(chain.path("seq").asLong(), link)
                        != null) {
                    problems.add(where + ": a second event at sequence number "
                            + chain.path("seq").asLong());
                }
            }
            if (!entry.path("kind").asString("").equals("shown")) {
                continue;
            }
            shown++;
            JsonNode proof = entry.path("proof");
            if (proof.path("audit_path").isNull() || proof.path("leaf_input").isNull() || !chain.isObject()) {
                problems.add(where + ": not yet in the export's signed tree head, so not checked");
                continue;
            }
            if (head == null) {
                problems.add(where + ": there is no tree head to check it against");
                continue;
            }
            try {
                String event = proof.path("event").asString("");
                JsonNode whom = JSON.readTree(event).path("whom");
                if (whom.path("seq").asLong() != chain.path("seq").asLong()
                        || !whom.path("person")
                                .asString("")
                                .equals(chain.path("person").asString(""))
                        || whom.path("previous").asLong(-1)
                                != (chain.path("previous_leaf").isNull()
                                        ? -1
                                        : chain.path("previous_leaf").asLong())) {
                    problems.add(where + ": its place in the chain is not the one its event names");
                }
                List<byte[]> path = new ArrayList<>();
                proof.path("audit_path")
                        .forEach(hash -> path.add(Base64.getDecoder().decode(hash.asString())));
                for (String problem : EventProofs.problems(
                        proof.path("timestamp").asLong(),
                        proof.path("event_type").asInt(),
                        Base64.getDecoder().decode(proof.path("salt").asString("")),
                        event,
                        chain.path("leaf_index").asLong(),
                        Base64.getDecoder().decode(proof.path("leaf_input").asString("")),
                        path,
                        head,
                        key)) {
                    problems.add(where + " (leaf " + chain.path("leaf_index").asLong() + "): " + problem);
                }
            } catch (IllegalArgumentException | JacksonException e) {
                problems.add(where + ": its proof is malformed");
            }
        }
        chains.forEach((person, links) -> {
            long expected = 1;
            long[] before = null;
            for (Map.Entry<Long, long[]> link : links.entrySet()) {
                if (link.getKey() != expected) {
                    problems.add(
                            "a chain misses sequence number " + expected + " (next present: " + link.getKey() + ")");
                } else if ((before == null ? -1 : before[0]) != link.getValue()[1]) {
                    problems.add("at sequence number " + link.getKey()
                            + " the chain names a previous leaf that is not the event before it");
                }
                expected = link.getKey() + 1;
                before = link.getValue();
            }
        });
        return new Report(problems, index, shown, keyId);
    }
}
