package org.ecarehub.partnership.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Partnerships.PartnershipRejected;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

@Tag("database")
class PartnershipApplicationIntegrationTests {

    @TempDir
    Path dataDir;

    static String demoFile() throws IOException {
        try (InputStream in =
                PartnershipApplicationIntegrationTests.class.getResourceAsStream("/demo/partnership.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void appliesAFileAsANewVersionAndAnIdenticalFileAsNoChange() throws IOException {
        try (RunningHub hub = RunningHub.start("serve", dataDir, TestDatabase.fresh(dataDir), java.util.Map.of())) {
            Partnerships partnerships = hub.bean(Partnerships.class);
            assertThat(partnerships.current().version()).isZero();

            assertThat(partnerships.apply("demo", demoFile(), "test").version()).isEqualTo(1);
            assertThat(partnerships.apply("demo", demoFile(), "test").version()).isEqualTo(1);
            assertThat(partnerships
                            .apply("demo", demoFile() + "\n# reviewed\n", "test")
                            .version())
                    .isEqualTo(2);
        }
    }

    @Test
    void refusesABadFileWholeAndChangesNothing() throws IOException {
        try (RunningHub hub = RunningHub.start("serve", dataDir, TestDatabase.fresh(dataDir), java.util.Map.of())) {
            Partnerships partnerships = hub.bean(Partnerships.class);
            partnerships.apply("demo", demoFile(), "test");
            String broken = demoFile().replace("type: police", "type: spaceship");

            assertThatThrownBy(() -> partnerships.apply("broken", broken, "test"))
                    .isInstanceOf(PartnershipRejected.class)
                    .satisfies(e ->
                            assertThat(((PartnershipRejected) e).problems()).isNotEmpty());
            assertThat(partnerships.current().version()).isEqualTo(1);
            assertThat(hub.bean(JdbcClient.class)
                            .sql("select count(*) from partnership_version")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    @Test
    void seesAVersionAppliedByAnotherNodeWithinTheRefreshInterval() throws Exception {
        TestDatabase database = TestDatabase.fresh(dataDir);
        try (RunningHub one = RunningHub.start("serve", dataDir.resolve("one"), database, java.util.Map.of());
                RunningHub two = RunningHub.start("serve", dataDir.resolve("two"), database, java.util.Map.of())) {
            assertThat(two.bean(Partnerships.class).current().version()).isZero();

            one.bean(Partnerships.class).apply("demo", demoFile(), "test");
            Thread.sleep(1200);

            assertThat(two.bean(Partnerships.class).current().version()).isEqualTo(1);
        }
    }
}
