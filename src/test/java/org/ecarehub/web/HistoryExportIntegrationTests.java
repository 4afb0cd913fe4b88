package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;
import org.ecarehub.access.HistoryPage;
import org.ecarehub.access.PortalHistory;
import org.ecarehub.access.PortalHistoryStory;
import org.ecarehub.access.Requester;
import org.ecarehub.cli.EcareCli;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * David Thomson's subject access export of his mother's history, checked offline by {@code ecare log verify --export}
 * with the hub stopped: the export as given verifies; a changed event, salt, proof or tree head, or an event left out
 * of the chain, each fails with exit code 1.
 */
@Tag("database")
class HistoryExportIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    static ObjectNode export;
    static int proven;

    @BeforeAll
    static void exportDavidsViewOfHisMothersHistory() {
        try (RunningHub hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir))) {
            PortalHistoryStory story = PortalHistoryStory.tell(hub);
            HistoryPage page = hub.bean(PortalHistory.class)
                    .export(new Requester.Portal("david.thomson", story.david), story.agnes)
                    .orElseThrow();
            export = (ObjectNode) JSON.readTree(JSON.writeValueAsString(HistoryJson.export(page)));
        }
        JsonNode entries = export.path("entries");
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).path("kind").asString().equals("shown")
                    && !entries.get(i).path("proof").path("audit_path").isNull()) {
                proven = i;
                return;
            }
        }
        throw new AssertionError("no proven entry");
    }

    record Run(int exit, String out) {}

    static Run verify(ObjectNode file) throws Exception {
        // Entries still waiting for the sequencer when the export was made cannot be checked; leave them out.
        ObjectNode copy = file.deepCopy();
        ArrayNode entries = (ArrayNode) copy.path("entries");
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).path("chain").isNull()
                    || (entries.get(i).path("kind").asString().equals("shown")
                            && entries.get(i).path("proof").path("audit_path").isNull())) {
                entries.remove(i);
            }
        }
        Path path = Files.createTempFile(dataDir, "export", ".json");
        Files.writeString(path, JSON.writeValueAsString(copy));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = EcareCli.run(
                new PrintWriter(out, true), new PrintWriter(err, true), "log", "verify", "--export", path.toString());
        return new Run(exit, out.toString());
    }

    static ObjectNode changed(Consumer<ObjectNode> change) {
        ObjectNode copy = export.deepCopy();
        change.accept(copy);
        return copy;
    }

    static ObjectNode proof(ObjectNode file) {
        return (ObjectNode) file.path("entries").path(proven).path("proof");
    }

    static String flipped(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[bytes.length - 1] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void verifiesTheExportAsGivenAndSaysWhatItLeavesOut() throws Exception {
        Run run = verify(export);
        assertThat(run.exit()).as(run.out()).isEqualTo(EcareCli.OK);
        assertThat(run.out())
                .contains("export verified")
                .contains(export.path("public_key").path("key_id").asString());
        assertThat(export.path("not_included").asString()).contains("Sealed items are never included");
    }

    @Test
    void failsAChangedEvent() throws Exception {
        Run run = verify(changed(file ->
                proof(file).put("event", proof(file).path("event").asString().replace("\"read\"", "\"update\""))));
        assertThat(run.exit()).isEqualTo(EcareCli.FAILURE);
        assertThat(run.out()).contains("the leaf input does not match the event");
    }

    @Test
    void failsAChangedSalt() throws Exception {
        Run run = verify(changed(
                file -> proof(file).put("salt", flipped(proof(file).path("salt").asString()))));
        assertThat(run.exit()).isEqualTo(EcareCli.FAILURE);
        assertThat(run.out()).contains("the leaf input does not match the event");
    }

    @Test
    void failsAChangedProof() throws Exception {
        Run run = verify(changed(file -> {
            ArrayNode path = (ArrayNode) proof(file).path("audit_path");
            path.set(0, flipped(path.get(0).asString()));
        }));
        assertThat(run.exit()).isEqualTo(EcareCli.FAILURE);
        assertThat(run.out()).contains("does not lead to the root");
    }

    @Test
    void failsAChangedTreeHead() throws Exception {
        Run run = verify(changed(file -> ((ObjectNode) file.path("tree_head"))
                .put("timestamp", file.path("tree_head").path("timestamp").asLong() + 1)));
        assertThat(run.exit()).isEqualTo(EcareCli.FAILURE);
        assertThat(run.out()).contains("the tree head's signature does not hold");
    }

    @Test
    void failsAnEventLeftOutOfTheChain() throws Exception {
        Run run = verify(changed(file -> ((ArrayNode) file.path("entries")).remove(proven + 1)));
        assertThat(run.exit()).isEqualTo(EcareCli.FAILURE);
        assertThat(run.out()).contains("a chain misses sequence number");
    }
}
