package org.ecarehub.transparency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.merkle.MerkleHashes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The leaf test vectors published in docs/transparency-leaf-vectors.json, computed outside the hub: the hub must
 * produce exactly these leaf inputs and hashes, so that a third party who reproduces them can check the hub.
 */
class LeafVectorsTests {

    static final JsonMapper json = JsonMapper.builder().build();
    static final HexFormat hex = HexFormat.of();

    static JsonNode vectors() throws IOException {
        return json.readTree(Files.readString(Path.of("docs/transparency-leaf-vectors.json")));
    }

    @Test
    void computesEveryPublishedLeafInputAndHash() throws IOException {
        JsonNode vectors = vectors();
        assertThat(vectors.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode vector : vectors) {
            String event = vector.get("event").asString();
            byte[] leafInput = LeafInputs.leafInput(
                    vector.get("timestamp").asLong(),
                    vector.get("event_type").asInt(),
                    hex.parseHex(vector.get("salt").asString()),
                    event);

            assertThat(hex.formatHex(leafInput))
                    .as(vector.get("description").asString())
                    .isEqualTo(vector.get("leaf_input").asString());
            assertThat(hex.formatHex(MerkleHashes.leafHash(leafInput)))
                    .isEqualTo(vector.get("leaf_hash").asString());
            assertThat(CanonicalJson.write(json.readValue(event, Map.class)))
                    .as("the published event is in canonical form")
                    .isEqualTo(event);
        }
    }

    @Test
    void writesTheFirstVectorsEventFromALogEvent() throws IOException {
        LogEvent event = new LogEvent(
                EventType.ACCESS,
                Instant.parse("2026-11-25T09:30:00.125Z"),
                LogEvent.Who.staff("sw.hamilton", "slc-social-work", List.of("social-worker")),
                LogEvent.What.of("read", List.of("demographics", "contacts")),
                PersonId.of("4f1c2b7e-9a3d-4e8f-b6a1-0c2d3e4f5a6b"),
                new LogEvent.Why(
                        "direct-care",
                        "allow",
                        List.of("active", "purpose", "role", "relationship"),
                        "implied-consent",
                        null,
                        null,
                        null,
                        2));

        String sequenced =
                EventDocuments.sequenced(EventDocuments.pending(event), "4f1c2b7e-9a3d-4e8f-b6a1-0c2d3e4f5a6b", 3, 41);

        assertThat(sequenced).isEqualTo(vectors().get(0).get("event").asString());
        assertThat(event.time().toEpochMilli())
                .isEqualTo(vectors().get(0).get("timestamp").asLong());
    }
}
