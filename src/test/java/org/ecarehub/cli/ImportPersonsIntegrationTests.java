package org.ecarehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.ReviewQueue;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code ./ecare import persons} against a real running hub: what is stored, refused, reported and logged. */
@Tag("database")
class ImportPersonsIntegrationTests {

    static final String HEADER =
            "agency,local_id,chi,given_name,family_name,other_given_names,date_of_birth,sex,address,postcode,phone\n";

    @TempDir
    static Path dataDir;

    @TempDir
    Path files;

    static RunningHub hub;
    static PersonIndex index;

    @BeforeAll
    static void startHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        index = hub.bean(PersonIndex.class);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    record Run(int exitCode, String out, String err) {}

    static Run importPersons(String... arguments) {
        List<String> args = new ArrayList<>(List.of(
                "import",
                "persons",
                "--url",
                hub.uri("").toString(),
                "--data-dir",
                hub.dataDir().toString()));
        args.addAll(List.of(arguments));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EcareCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    Path file(String name, String content) throws IOException {
        return Files.writeString(files.resolve(name), content, StandardCharsets.UTF_8);
    }

    static boolean stored(String agency, String localId) {
        return index.personOf(AgencyRecordId.of(agency, localId)).isPresent();
    }

    static long accessDecisions(String decision, String client) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from transparency_event where event_type = 1 and event like ? and event like ?")
                .params("%\"decision\":\"" + decision + "\"%", "%\"account\":\"" + client + "\"%")
                .query(Long.class)
                .single();
    }

    @Nested
    class Storing {

        @Test
        void storesAndLinksTheRowsAndPrintsASummaryOnStandardError() throws IOException {
            Path rows = file(
                    "nhs.csv",
                    HEADER
                            + "nhs-lanarkshire,LN5000011,1207552003,Gillian,Scott,,1955-07-12,F,\"8 Mill Road, Hamilton\",ML3 8AA,01632 960101\n"
                            + "nhs-lanarkshire,LN5000012,,Gillian,Scott,,1955-07-12,F,\"8 Mill Rd, Hamilton\",ML3 8AA,\n"
                            + "nhs-lanarkshire,LN5000013,,Derek,Gray,,1962-02-14,M,\"3 High Street, Wishaw\",ML2 7AB,\n");

            Run run = importPersons(rows.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEmpty();
            assertThat(run.err())
                    .contains("3 read, 3 stored, 0 unchanged, 1 linked, 0 review, 2 new persons, 0 rejected");
            assertThat(index.personOf(AgencyRecordId.of("nhs-lanarkshire", "LN5000012")))
                    .isEqualTo(index.personOf(AgencyRecordId.of("nhs-lanarkshire", "LN5000011")));

            Run again = importPersons(rows.toString());

            assertThat(again.exitCode()).isZero();
            assertThat(again.err()).contains("3 read, 0 stored, 3 unchanged");
        }

        @Test
        void keepsTheAddressAndFamilyNameARowReplaces() throws IOException {
            importPersons(file(
                            "before.csv",
                            HEADER
                                    + "slc-housing,T/EK/0042,,Lorna,Burns,,1988-08-08,F,\"17 Main Street, East Kilbride\",G74 4AA,\n")
                    .toString());

            Run run = importPersons(file(
                            "after.csv",
                            HEADER
                                    + "slc-housing,T/EK/0042,,Lorna,Sinclair,,1988-08-08,F,\"2 Station Road, Blantyre\",G72 9BB,\n")
                    .toString());

            assertThat(run.exitCode()).isZero();
            var now = index.current(AgencyRecordId.of("slc-housing", "T/EK/0042"))
                    .orElseThrow()
                    .demographics();
            assertThat(now.previousFamilyNames()).containsExactly("Burns");
            assertThat(now.addresses()).hasSize(2);
            assertThat(now.currentAddress())
                    .hasValueSatisfying(
                            address -> assertThat(address.postcode()).isEqualTo("G72 9BB"));
            assertThat(now.addresses())
                    .filteredOn(address -> !address.isCurrent())
                    .singleElement()
                    .satisfies(address -> assertThat(address.postcode()).isEqualTo("G74 4AA"));
        }
    }

    @Nested
    class AnotherAgencysRows {

        @Test
        void refusesEachRowOfAnotherAgencyByLineAndLogsEveryDecision() throws IOException {
            long deniedBefore = accessDecisions("deny", "agency-system:slc-housing");
            long allowedBefore = accessDecisions("allow", "agency-system:slc-housing");
            Path mixed = file(
                    "mixed.csv",
                    HEADER
                            + "slc-housing,T/HM/5001,,Neil,Murray,,1970-01-01,M,,ML3 6AB,\n"
                            + "slc-education,SCN-700100,,Kyle,Murray,,2012-05-05,M,,ML3 6AB,\n"
                            + "slc-housing,T/HM/5002,,Shona,Murray,,1972-02-02,F,,ML3 6AB,\n"
                            + "police-scotland,PS-2025-5,,Neil,Murray,,1970-01-01,M,,ML3 6AB,\n");

            Run run = importPersons(mixed.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err())
                    .contains(mixed + ":3: refused: the system of agency slc-housing may not write records of agency"
                            + " slc-education")
                    .contains(mixed + ":5: refused:")
                    .contains("4 read, 2 stored")
                    .contains("2 rejected");
            assertThat(stored("slc-housing", "T/HM/5001")).isTrue();
            assertThat(stored("slc-housing", "T/HM/5002")).isTrue();
            assertThat(stored("slc-education", "SCN-700100")).isFalse();
            assertThat(stored("police-scotland", "PS-2025-5")).isFalse();
            assertThat(accessDecisions("deny", "agency-system:slc-housing")).isEqualTo(deniedBefore + 2);
            assertThat(accessDecisions("allow", "agency-system:slc-housing")).isEqualTo(allowedBefore + 2);
        }
    }

    @Nested
    class BadInput {

        @Test
        void reportsEachBadRowWithItsFileAndLineAndStoresNoneOfIt() throws IOException {
            byte[] latin1 = ("caring-hands,CH-6004,,Ren\u00e9e,Walker,,1950-03-03,F,,ML3 0AA,\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            String good = HEADER
                    + "caring-hands,CH-6001,,Isabella,Walker,,1947-10-10,F,,ML3 0AA,\n"
                    + "caring-hands,CH-6002,,Catherine,Walker,1949-11-11,F,,ML3 0AA,\n"
                    + "caring-hands,CH-6003,,Mary,Walker,,1951-02-30,F,,ML3 0AA,\n";
            Path bad = files.resolve("bad.csv");
            Files.write(
                    bad,
                    concat(
                            good.getBytes(StandardCharsets.UTF_8),
                            latin1,
                            "caring-hands,CH-6001,,Isabella,Walker,,1947-10-10,F,,ML3 0AB,\n"
                                    .getBytes(StandardCharsets.UTF_8)));

            Run run = importPersons(bad.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err())
                    .contains(bad + ":3: has 10 fields where the header has 11")
                    .contains(bad + ":4: has a date_of_birth that is not a real date")
                    .contains(bad + ":5: holds bytes that are not UTF-8")
                    .contains(bad + ":6: repeats a local_id")
                    .contains("1 read, 1 stored")
                    .contains("4 rejected");
            assertThat(stored("caring-hands", "CH-6001")).isTrue();
            assertThat(stored("caring-hands", "CH-6002")).isFalse();
            assertThat(stored("caring-hands", "CH-6003")).isFalse();
            assertThat(stored("caring-hands", "CH-6004")).isFalse();
            assertThat(index.current(AgencyRecordId.of("caring-hands", "CH-6001"))
                            .orElseThrow()
                            .demographics()
                            .currentAddress()
                            .orElseThrow()
                            .postcode())
                    .isEqualTo("ML3 0AA");
        }

        @Test
        void reportsAFileWithoutItsHeaderRowAndFailsWhenNothingCouldBeRead() throws IOException {
            Path headless = file("headless.csv", "nhs-lanarkshire,LN5000099,,Agnes,Kerr,,1950-01-01,F,,ML3 0AA,\n");

            Run run = importPersons("--agency", "nhs-lanarkshire", headless.toString());

            assertThat(run.exitCode()).isEqualTo(EcareCli.FAILURE);
            assertThat(run.err()).contains(headless + ":1: the header row lacks the column(s)");
            assertThat(stored("nhs-lanarkshire", "LN5000099")).isFalse();
        }

        @Test
        void reportsAnEmptyFileAndFailsWhenNothingCouldBeRead() throws IOException {
            Path empty = file("empty.csv", "");

            Run run = importPersons(empty.toString());

            assertThat(run.exitCode()).isEqualTo(EcareCli.FAILURE);
            assertThat(run.err()).contains(empty + ": the file is empty");
        }

        static byte[] concat(byte[]... parts) {
            int length = 0;
            for (byte[] part : parts) {
                length += part.length;
            }
            byte[] all = new byte[length];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        }
    }

    @Nested
    class Strict {

        @Test
        void storesNothingOfAFileWithABadRow() throws IOException {
            long reviews = hub.bean(ReviewQueue.class).open(0, 200).total();
            Path file = file(
                    "strict.csv",
                    HEADER
                            + "slc-social-work,SW0090001,,Alexander,Hunter,,1945-04-04,M,,ML3 9ZZ,\n"
                            + "slc-social-work,SW0090002,,Euan,Hunter,,1945-13-04,M,,ML3 9ZZ,\n"
                            + "slc-social-work,SW0090003,,Heather,Hunter,,1946-05-05,F,,ML3 9ZZ,\n");

            Run run = importPersons("--strict", file.toString());

            assertThat(run.exitCode()).isEqualTo(EcareCli.FAILURE);
            assertThat(run.err()).contains(file + ":3: has a date_of_birth").contains("refused whole");
            assertThat(stored("slc-social-work", "SW0090001")).isFalse();
            assertThat(stored("slc-social-work", "SW0090003")).isFalse();
            assertThat(hub.bean(ReviewQueue.class).open(0, 200).total()).isEqualTo(reviews);
        }

        @Test
        void storesNothingOfAFileWithARowOfAnotherAgency() throws IOException {
            Path file = file(
                    "strict-mixed.csv",
                    HEADER
                            + "whitehill-house,WH-301,,Hugh,Kennedy,,1933-03-03,M,,ML3 8QD,\n"
                            + "nhs-lanarkshire,LN5000301,,Hugh,Kennedy,,1933-03-03,M,,ML3 8QD,\n");

            Run run = importPersons("--strict", file.toString());

            assertThat(run.exitCode()).isEqualTo(EcareCli.FAILURE);
            assertThat(run.err()).contains(file + ":3: refused:");
            assertThat(stored("whitehill-house", "WH-301")).isFalse();
        }

        @Test
        void storesAGoodFileWhole() throws IOException {
            Path file = file(
                    "strict-good.csv",
                    HEADER
                            + "whitehill-house,WH-401,,Morag,Ferguson,,1931-01-31,F,,ML3 8QD,\n"
                            + "whitehill-house,WH-402,,Duncan,Ferguson,,1930-12-01,M,,ML3 8QD,\n");

            Run run = importPersons("--strict", file.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(stored("whitehill-house", "WH-401")).isTrue();
            assertThat(stored("whitehill-house", "WH-402")).isTrue();
        }
    }

    @Test
    void takesPersonFilesFromAgencySystemsOnly() {
        var response = RunningHub.send(
                java.net.http.HttpClient.newHttpClient(),
                java.net.http.HttpRequest.newBuilder(hub.uri("/api/person-files"))
                        .header("Authorization", "Bearer " + hub.staffToken("sw.hamilton"))
                        .header("Content-Type", "text/csv")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                HEADER + "slc-social-work,SW0099999,,Ann,Bell,,1950-01-01,F,,,\n"))
                        .build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("agency-systems-only");
        assertThat(stored("slc-social-work", "SW0099999")).isFalse();
    }

    @Test
    void exitsWithThreeWhenNoHubRuns() throws IOException {
        Path secretDir = files.resolve("data");
        Files.createDirectories(secretDir.resolve("identity"));
        Files.writeString(secretDir.resolve("identity/token-secret"), "secret");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path rows = file("one.csv", HEADER + "caring-hands,CH-1,,Ann,Bell,,1950-01-01,F,,,\n");
        StringWriter err = new StringWriter();

        int code = EcareCli.run(
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                "import",
                "persons",
                "--url",
                "http://127.0.0.1:" + port,
                "--data-dir",
                secretDir.toString(),
                rows.toString());

        assertThat(code).as(err.toString()).isEqualTo(EcareCli.UNREACHABLE);
    }
}
