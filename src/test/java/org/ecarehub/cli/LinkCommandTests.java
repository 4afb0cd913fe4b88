package org.ecarehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.ecarehub.person.population.SyntheticPopulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ecare link} as the contract of ARCHITECTURE.md has it, run in process on real files. */
class LinkCommandTests {

    private static final String HEADER =
            "agency,local_id,chi,given_name,family_name,other_given_names,date_of_birth,sex,address,postcode,phone\r\n";

    @TempDir
    static Path population;

    @TempDir
    Path work;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void writeAPopulation() throws IOException {
        SyntheticPopulation.generate(1_500, 5).writePersonFiles(population);
    }

    private static List<Path> agencyFiles() throws IOException {
        try (Stream<Path> files = Files.list(population)) {
            return files.filter(file -> !file.getFileName().toString().equals("truth.csv"))
                    .sorted()
                    .toList();
        }
    }

    private int link(Object... args) {
        List<String> all = new ArrayList<>(List.of("link"));
        for (Object arg : args) {
            if (arg instanceof List<?> list) {
                list.forEach(item -> all.add(item.toString()));
            } else {
                all.add(arg.toString());
            }
        }
        return EcareCli.run(
                new PrintWriter(new StringWriter()), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (var parser = CSVFormat.RFC4180.builder().get().parse(Files.newBufferedReader(file))) {
            return parser.getRecords();
        }
    }

    private Path file(String name, String content) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void writesEachPairOnceInByteOrderWithItsScoreAndDecision() throws IOException {
        Path pairs = work.resolve("pairs.csv");
        Path clusters = work.resolve("clusters.csv");
        assertThat(link("--out", pairs, "--clusters", clusters, agencyFiles())).isZero();

        List<CSVRecord> rows = read(pairs);
        assertThat(String.join(",", rows.get(0).toList()))
                .isEqualTo("agency_a,local_id_a,agency_b,local_id_b,score,decision");
        List<CSVRecord> body = rows.subList(1, rows.size());
        assertThat(body).hasSizeGreaterThan(500);
        List<String> keys = new ArrayList<>();
        for (CSVRecord row : body) {
            String a = row.get(0) + "\u0000" + row.get(1);
            String b = row.get(2) + "\u0000" + row.get(3);
            assertThat(LinkCommand.compareBytes(row.get(0), row.get(2)) < 0
                            || (row.get(0).equals(row.get(2)) && LinkCommand.compareBytes(row.get(1), row.get(3)) < 0))
                    .as("pair in byte order")
                    .isTrue();
            assertThat(Double.parseDouble(row.get(4))).isBetween(0.0, 1.0);
            assertThat(row.get(5)).isIn("match", "review");
            keys.add(a + "\u0001" + b);
        }
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(err.toString()).contains("records read", "pairs compared", "matches", "reviews");
    }

    @Test
    void writesPeopleThatAreTheClosureOfTheMatchPairs() throws IOException {
        Path pairs = work.resolve("pairs.csv");
        Path clusters = work.resolve("clusters.csv");
        assertThat(link("--out", pairs, "--clusters", clusters, agencyFiles())).isZero();

        Map<String, String> clusterOf = new HashMap<>();
        List<CSVRecord> people = read(clusters);
        assertThat(String.join(",", people.get(0).toList())).isEqualTo("cluster,agency,local_id");
        for (CSVRecord row : people.subList(1, people.size())) {
            clusterOf.put(row.get(1) + "|" + row.get(2), row.get(0));
        }
        // Union-find over the match pairs must give exactly the clusters written.
        Map<String, String> parent = new HashMap<>();
        for (CSVRecord row : read(pairs).subList(1, read(pairs).size())) {
            String a = row.get(0) + "|" + row.get(1);
            String b = row.get(2) + "|" + row.get(3);
            if (row.get(5).equals("match")) {
                assertThat(clusterOf.get(a)).isEqualTo(clusterOf.get(b));
                parent.put(find(parent, a), find(parent, b));
            } else {
                assertThat(clusterOf.get(a)).isNotEqualTo(clusterOf.get(b));
            }
        }
        Map<String, String> rootOfCluster = new HashMap<>();
        for (var entry : clusterOf.entrySet()) {
            String root = find(parent, entry.getKey());
            assertThat(rootOfCluster.putIfAbsent(entry.getValue(), root)).isIn(null, root);
        }
    }

    private static String find(Map<String, String> parent, String x) {
        while (parent.containsKey(x) && !parent.get(x).equals(x)) {
            x = parent.get(x);
        }
        return x;
    }

    @Test
    void keepsARowWithAnInvalidChiAndEchoesIdentifiersExactly() throws IOException {
        Path extra = file(
                "extra.csv",
                HEADER
                        + "nhs-lanarkshire,\"LN 7,\"\"A\"\"\",0101501239,Morag,Kinnaird,,1950-01-01,F,"
                        + "\"3 Quarry Road, Larkhall\",ML9 1AA,\r\n"
                        + "slc-housing,H-77,,Morag,Kinnaird,,1950-01-01,F,\"3 Quarry Rd, Larkhall\",ML9 1AA,\r\n");
        List<Path> files = new ArrayList<>(agencyFiles());
        files.add(extra);
        Path pairs = work.resolve("pairs.csv");
        assertThat(link("--out", pairs, files)).isZero();
        assertThat(read(pairs)).anySatisfy(row -> {
            assertThat(row.get(0)).isEqualTo("nhs-lanarkshire");
            assertThat(row.get(1)).isEqualTo("LN 7,\"A\"");
            assertThat(row.get(2)).isEqualTo("slc-housing");
            assertThat(row.get(3)).isEqualTo("H-77");
            assertThat(row.get(5)).isEqualTo("match");
        });
        assertThat(err.toString()).containsPattern("[1-9][0-9]* invalid CHIs kept");
    }

    @Test
    void reportsBadRowsWithFileAndLineAndLinksTheRest() throws IOException {
        Path bad = file("bad.csv", HEADER + "slc-housing,H1,,Ann,Reid,,1950-02-30,F,,,\r\nslc-housing,H2,,Too,Few\r\n");
        List<Path> files = new ArrayList<>(agencyFiles());
        files.add(bad);
        Path pairs = work.resolve("pairs.csv");
        assertThat(link("--out", pairs, files)).isZero();
        assertThat(pairs).exists();
        assertThat(err.toString()).contains(bad + ":2:", bad + ":3:", "2 rejected");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void writesNothingUnderStrictWhenARowIsBad() throws IOException {
        Path bad = file("bad.csv", HEADER + "slc-housing,H1,,Ann,Reid,,1950-02-30,F,,,\r\n");
        List<Path> files = new ArrayList<>(agencyFiles());
        files.add(bad);
        Path pairs = work.resolve("pairs.csv");
        assertThat(link("--strict", "--out", pairs, files)).isEqualTo(EcareCli.FAILURE);
        assertThat(pairs).doesNotExist();
        assertThat(err.toString()).contains(bad + ":2:");
    }

    @Test
    void failsWhenNothingCanBeRead() throws IOException {
        Path empty = file("empty.csv", "");
        Path pairs = work.resolve("pairs.csv");
        assertThat(link("--out", pairs, empty)).isEqualTo(EcareCli.FAILURE);
        assertThat(pairs).doesNotExist();
        assertThat(err.toString()).contains("empty");
    }

    @Test
    void refusesThresholdsOutOfOrderAsAUsageError() throws IOException {
        Path pairs = work.resolve("pairs.csv");
        assertThat(link("--match-threshold", "0.4", "--review-threshold", "0.6", "--out", pairs, agencyFiles()))
                .isEqualTo(EcareCli.USAGE);
        assertThat(pairs).doesNotExist();
    }
}
