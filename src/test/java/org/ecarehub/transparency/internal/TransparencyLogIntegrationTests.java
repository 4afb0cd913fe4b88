package org.ecarehub.transparency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.ecarehub.transparency.merkle.MerkleHashes;
import org.ecarehub.transparency.merkle.ProofVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The log in a running hub: appends, sequencing, signed heads, person chains and the HTTP API. */
@Tag("database")
class TransparencyLogIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static TransparencyLog log;
    static final HttpClient client = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startDemoHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        log = hub.bean(TransparencyLog.class);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static LogEvent readBy(String account, PersonId person) {
        return new LogEvent(
                EventType.ACCESS,
                Instant.now(),
                LogEvent.Who.staff(account, "slc-social-work", List.of("social-worker")),
                LogEvent.What.of("read", List.of("demographics")),
                person,
                new LogEvent.Why("direct-care", "allow", List.of("relationship"), null, null, null, null, 1));
    }

    static JsonNode getJson(String path, int expectedStatus, String... headers) {
        HttpResponse<String> response = hub.get(client, path, headers);
        assertThat(response.statusCode())
                .as(path + " answered " + response.body())
                .isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return json.readTree(response.body());
    }

    static JsonNode treeHeadOfAtLeast(long size) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = hub.get(client, "/log/v1/get-sth");
            if (response.statusCode() == 200) {
                JsonNode head = json.readTree(response.body());
                if (head.get("tree_size").asLong() >= size) {
                    return head;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no signed tree head of size " + size + " within 10 s");
    }

    static Row row(long eventId) {
        return hub.bean(JdbcClient.class)
                .sql("select l.leaf_index, l.person_seq, l.previous_leaf, e.event, e.salt, e.timestamp_ms,"
                        + " e.event_type, l.leaf_hash, e.person_ref from transparency_event e"
                        + " join transparency_leaf l on l.event_id = e.id where e.id = ?")
                .param(eventId)
                .query((rs, n) -> new Row(
                        rs.getLong(1),
                        rs.getObject(2) == null ? -1 : rs.getLong(2),
                        rs.getObject(3) == null ? -1 : rs.getLong(3),
                        rs.getString(4),
                        rs.getBytes(5),
                        rs.getLong(6),
                        rs.getInt(7),
                        rs.getBytes(8),
                        rs.getString(9)))
                .single();
    }

    static Row waitForLeaf(long eventId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JdbcClient jdbc = hub.bean(JdbcClient.class);
        while (jdbc.sql("select count(*) from transparency_leaf where event_id = ?")
                        .param(eventId)
                        .query(Long.class)
                        .single()
                == 0) {
            assertThat(System.nanoTime()).as("sequenced within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return row(eventId);
    }

    record Row(
            long leafIndex,
            long personSequence,
            long previousLeaf,
            String event,
            byte[] salt,
            long timestamp,
            int type,
            byte[] leafHash,
            String personRef) {

        /** The event as the leaf commits to it, with the person's chain. */
        String committedEvent() {
            return EventDocuments.sequenced(event, personRef, personSequence, previousLeaf);
        }
    }

    static String b64(byte[] bytes) {
        return URLEncoder.encode(Base64.getEncoder().encodeToString(bytes), StandardCharsets.UTF_8);
    }

    @Nested
    class Appending {

        @Test
        void putsAnAppendedEventInASignedTreeHeadWhoseProofsCheck() throws Exception {
            long eventId = log.append(readBy("sw.hamilton", PersonId.random())).eventId();
            Row row = waitForLeaf(eventId);
            JsonNode head = treeHeadOfAtLeast(row.leafIndex() + 1);

            JsonNode key = getJson("/log/v1/public-key", 200);
            byte[] signed = org.ecarehub.transparency.SignedTreeHead.signedBytes(
                    head.get("tree_size").asLong(),
                    head.get("timestamp").asLong(),
                    Base64.getDecoder().decode(head.get("sha256_root_hash").asString()));
            assertThat(LogKeys.verify(
                            LogKeys.publicKeyOf(
                                    Base64.getDecoder().decode(key.get("key").asString())),
                            signed,
                            Base64.getDecoder()
                                    .decode(head.get("tree_head_signature").asString())))
                    .isTrue();
            assertThat(key.get("key_id").asString())
                    .isEqualTo(LogKeys.keyIdOf(
                            Base64.getDecoder().decode(key.get("key").asString())));

            long size = head.get("tree_size").asLong();
            JsonNode proof =
                    getJson("/log/v1/get-proof-by-hash?hash=" + b64(row.leafHash()) + "&tree_size=" + size, 200);
            assertThat(proof.get("leaf_index").asLong()).isEqualTo(row.leafIndex());
            List<byte[]> path = new ArrayList<>();
            proof.get("audit_path").forEach(node -> path.add(Base64.getDecoder().decode(node.asString())));
            ProofVerifier.verifyInclusion(
                    row.leafHash(),
                    row.leafIndex(),
                    size,
                    path,
                    Base64.getDecoder().decode(head.get("sha256_root_hash").asString()));
        }

        @Test
        void commitsTheLeafToTheSaltedCanonicalEvent() {
            long eventId = log.append(readBy("sw.hamilton", PersonId.random())).eventId();
            treeHeadOfAtLeast(1);
            Row row = waitForLeaf(eventId);

            byte[] leafInput = LeafInputs.leafInput(row.timestamp(), row.type(), row.salt(), row.committedEvent());
            assertThat(MerkleHashes.leafHash(leafInput)).isEqualTo(row.leafHash());
            assertThat(row.event()).contains("\"account\":\"sw.hamilton\"").doesNotContain(" ");
            assertThat(leafInput).hasSize(43);
        }

        @Test
        void chainsEachPersonsEventsBySequenceAndPreviousLeaf() {
            PersonId person = PersonId.random();
            long first = log.append(readBy("sw.hamilton", person)).eventId();
            log.append(readBy("gp.hamilton", PersonId.random()));
            long second = log.append(readBy("dn.hamilton", person)).eventId();

            Row firstRow = waitForLeaf(first);
            Row secondRow = waitForLeaf(second);

            assertThat(firstRow.personSequence()).isEqualTo(1);
            assertThat(firstRow.previousLeaf()).isEqualTo(-1);
            assertThat(secondRow.personSequence()).isEqualTo(2);
            assertThat(secondRow.previousLeaf()).isEqualTo(firstRow.leafIndex());
            assertThat(firstRow.committedEvent()).contains("\"seq\":1}").doesNotContain("previous");
            assertThat(secondRow.committedEvent())
                    .contains("\"previous\":" + firstRow.leafIndex())
                    .contains("\"seq\":2");
        }

        @Test
        void givesConcurrentAppendsEveryIndexOnce() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                ids.add(pool.submit(() ->
                        log.append(readBy("sw.hamilton", PersonId.random())).eventId()));
            }
            for (Future<Long> id : ids) {
                waitForLeaf(id.get());
            }
            pool.shutdown();

            JdbcClient jdbc = hub.bean(JdbcClient.class);
            long size = jdbc.sql("select tree_size from transparency_sequencer")
                    .query(Long.class)
                    .single();
            assertThat(jdbc.sql("select count(distinct event_id) from transparency_leaf")
                            .query(Long.class)
                            .single())
                    .isEqualTo(size);
            assertThat(jdbc.sql("select max(leaf_index) from transparency_leaf")
                            .query(Long.class)
                            .single())
                    .isEqualTo(size - 1);
        }
    }

    @Nested
    class HttpApi {

        @Test
        void answersABadParameterWith400AndAJsonError() {
            log.append(readBy("sw.hamilton", null));
            treeHeadOfAtLeast(1);
            assertThat(getJson("/log/v1/get-sth-consistency?first=x&second=1", 400)
                            .get("error")
                            .asString())
                    .isEqualTo("bad-request");
            getJson("/log/v1/get-sth-consistency?first=0&second=1", 400);
            getJson("/log/v1/get-sth-consistency?first=2&second=1", 400);
            getJson("/log/v1/get-sth-consistency?first=1&second=999999999", 400);
            getJson("/log/v1/get-sth-consistency?first=1", 400);
            getJson("/log/v1/get-proof-by-hash?hash=notbase64!&tree_size=1", 400);
            getJson("/log/v1/get-proof-by-hash?hash=" + b64(new byte[31]) + "&tree_size=1", 400);
            getJson("/log/v1/get-proof-by-hash?hash=" + b64(new byte[32]) + "&tree_size=-1", 400);
        }

        @Test
        void answersAnUnknownHashWith404() {
            log.append(readBy("sw.hamilton", null));
            JsonNode head = treeHeadOfAtLeast(1);
            getJson(
                    "/log/v1/get-proof-by-hash?hash=" + b64(new byte[32]) + "&tree_size="
                            + head.get("tree_size").asLong(),
                    404);
        }

        @Test
        void readsAHashWhosePlusSignsArriveAsSpaces() {
            log.append(readBy("sw.hamilton", null));
            JsonNode head = treeHeadOfAtLeast(1);
            String unencoded = Base64.getEncoder().encodeToString(new byte[32]).replace('A', '+');
            HttpResponse<String> response = hub.get(
                    client,
                    "/log/v1/get-proof-by-hash?hash=" + unencoded + "&tree_size="
                            + head.get("tree_size").asLong());
            assertThat(response.statusCode()).isEqualTo(404);
        }

        @Test
        void servesEntriesOnlyToStaffWhoseRolesMayAudit() {
            log.append(readBy("sw.hamilton", null));
            treeHeadOfAtLeast(1);
            assertThat(hub.get(client, "/log/v1/get-entries?start=0&end=0").statusCode())
                    .isEqualTo(401);
            getJson(
                    "/log/v1/get-entries?start=0&end=0",
                    403,
                    "Authorization",
                    "Bearer " + hub.staffToken("sw.hamilton"));
            getJson(
                    "/log/v1/get-entries?start=0&end=0",
                    403,
                    "Authorization",
                    "Bearer " + hub.staffToken("dpo"),
                    "X-Purpose-Of-Use",
                    "direct-care");

            JsonNode entries = getJson(
                    "/log/v1/get-entries?start=0&end=5000", 200, "Authorization", "Bearer " + hub.staffToken("dpo"));
            assertThat(entries.get("entries").size()).isBetween(1, TransparencyLogApiLimits.MAX_ENTRIES);
            JsonNode first = entries.get("entries").get(0);
            assertThat(Base64.getDecoder().decode(first.get("leaf_input").asString()))
                    .hasSize(43)
                    .startsWith(1);
            assertThat(first.get("extra_data").asString()).isEmpty();
        }
    }

    /** The contract's limit on entries a call. */
    static final class TransparencyLogApiLimits {
        static final int MAX_ENTRIES = 1000;
    }
}
