package org.ecarehub.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonFilesTests {

    private static final String HEADER =
            "agency,local_id,chi,given_name,family_name,other_given_names,date_of_birth,sex,address,postcode,phone\r\n";

    @TempDir
    Path directory;

    private Path file(String name, byte[] content) throws IOException {
        Path file = directory.resolve(name);
        Files.write(file, content);
        return file;
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsQuotedFieldsWithCommasAndLineBreaks() throws IOException {
        Path file = file(
                "nhs.csv",
                HEADER + "nhs,N1,1403419028,Agnes,Thomson,,1941-03-14,F,\"12 Burnbank Road,\r\nHamilton\",ML3 9AA,\r\n"
                        + "nhs,N2,,\"Anne \"\"Nan\"\"\",Reid,,1950-01-02,F,\"3 Main St, Blantyre\",G72 0AB,\r\n");
        PersonFiles.Read read = PersonFiles.read(List.of(file));
        assertThat(read.problems()).isEmpty();
        assertThat(read.records()).hasSize(2);
        assertThat(read.records().get(0).address()).isEqualTo("12 Burnbank Road,\r\nHamilton");
        assertThat(read.records().get(0).dateOfBirth()).isEqualTo(LocalDate.of(1941, 3, 14));
        assertThat(read.records().get(1).givenName()).isEqualTo("Anne \"Nan\"");
        assertThat(read.rows().get(1).line()).isEqualTo(4);
    }

    @Test
    void findsColumnsByTheirNamesAndSkipsAByteOrderMark() throws IOException {
        String content = "\uFEFFlocal_id,agency,given_name,family_name,chi,other_given_names,date_of_birth,sex,"
                + "address,postcode,phone,notes\n"
                + "H7,housing,Bob,Reid,,,1950-01-02,M,,,,tenant\n";
        PersonFiles.Read read = PersonFiles.read(List.of(file("housing.csv", content)));
        assertThat(read.problems()).isEmpty();
        assertThat(read.records()).singleElement().satisfies(record -> {
            assertThat(record.agency()).isEqualTo("housing");
            assertThat(record.localId()).isEqualTo("H7");
            assertThat(record.givenName()).isEqualTo("Bob");
        });
    }

    @Test
    void keepsAnInvalidChiAndFlagsIt() throws IOException {
        Path file = file("nhs.csv", HEADER + "nhs,N1,1403419029,Agnes,Thomson,,1941-03-14,F,,,\r\n");
        PersonFiles.Read read = PersonFiles.read(List.of(file));
        assertThat(read.records())
                .singleElement()
                .satisfies(record -> assertThat(record.chi()).isEqualTo("1403419029"));
        assertThat(read.invalidChis()).isEqualTo(1);
        assertThat(read.rows().get(0).chi().validity()).isEqualTo(ChiNumber.Validity.BAD_CHECK_DIGIT);
    }

    @Test
    void reportsEachBadRowWithFileAndLineAndReadsTheRest() throws IOException {
        String content = HEADER
                + "nhs,N1,,Agnes,Thomson,,1941-03-14,F,,,\r\n"
                + "nhs,N2,,Too,Few,,1941-03-14,F\r\n"
                + "nhs,N3,,Bad,Date,,1941-02-30,F,,,\r\n"
                + "nhs,N4,,Bad,Sex,,1941-02-03,X,,,\r\n"
                + "nhs,N1,,Again,Thomson,,1941-03-14,F,,,\r\n"
                + "nhs,N5,,Good,Row,,,,,,\r\n";
        Path file = file("nhs.csv", content);
        PersonFiles.Read read = PersonFiles.read(List.of(file));
        assertThat(read.records()).extracting(record -> record.localId()).containsExactly("N1", "N5");
        assertThat(read.problems()).extracting(PersonFiles.Problem::line).containsExactly(3L, 4L, 5L, 6L);
        assertThat(read.problems())
                .allSatisfy(problem -> assertThat(problem.file()).isEqualTo(file.toString()));
        assertThat(read.problems().get(0).message()).contains("fields");
        assertThat(read.problems().get(1).message()).contains("date_of_birth");
        assertThat(read.problems().get(3).message()).contains("local_id");
    }

    @Test
    void findsARepeatedLocalIdAcrossFiles() throws IOException {
        Path first = file("a.csv", HEADER + "sw,S1,,Ann,Reid,,,,,,\r\n");
        Path second = file("b.csv", HEADER + "sw,S1,,Ann,Reid,,,,,,\r\nnhs,S1,,Ann,Reid,,,,,,\r\n");
        PersonFiles.Read read = PersonFiles.read(List.of(first, second));
        assertThat(read.records()).hasSize(2);
        assertThat(read.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(second.toString());
            assertThat(problem.line()).isEqualTo(2);
        });
    }

    @Test
    void refusesAFileWithoutTheHeaderItNeeds() throws IOException {
        Path missing = file("m.csv", "agency,local_id,given_name\r\nnhs,N1,Agnes\r\n");
        Path misnamed = file("n.csv", HEADER.replace("family_name", "surname") + "nhs,N1,,A,B,,,,,,\r\n");
        PersonFiles.Read read = PersonFiles.read(List.of(missing, misnamed));
        assertThat(read.records()).isEmpty();
        assertThat(read.problems()).hasSize(2);
        assertThat(read.problems().get(0).message()).contains("family_name");
        assertThat(read.problems().get(1).message()).contains("family_name");
    }

    @Test
    void reportsAnEmptyFileAndBytesThatAreNotUtf8() throws IOException {
        Path empty = file("empty.csv", new byte[0]);
        byte[] latin1 = (HEADER + "nhs,N1,,Zo\u00eb,Reid,,,,,,\r\nnhs,N2,,Ann,Reid,,,,,,\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path notUtf8 = file("latin1.csv", latin1);
        PersonFiles.Read read = PersonFiles.read(List.of(empty, notUtf8));
        assertThat(read.records()).extracting(record -> record.localId()).containsExactly("N2");
        assertThat(read.problems()).hasSize(2);
        assertThat(read.problems().get(0).message()).contains("empty");
        assertThat(read.problems().get(1).line()).isEqualTo(2);
        assertThat(read.problems().get(1).message()).contains("UTF-8");
    }

    @Test
    void reportsAnUnclosedQuoteAndKeepsTheRowsBeforeIt() throws IOException {
        Path file = file("q.csv", HEADER + "nhs,N1,,Ann,Reid,,,,,,\r\nnhs,N2,,\"Ann,Reid,,,,,,\r\n");
        PersonFiles.Read read = PersonFiles.read(List.of(file));
        assertThat(read.records()).hasSize(1);
        assertThat(read.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.line()).isEqualTo(3));
    }

    @Test
    void namesNoPersonInAProblem() throws IOException {
        Path file = file("nhs.csv", HEADER + "nhs,N1,,Agnes,Thomson,,1941-13-14,F,,,\r\n");
        PersonFiles.Problem problem = PersonFiles.read(List.of(file)).problems().get(0);
        assertThat(problem.toString()).doesNotContain("Agnes", "Thomson", "1941");
    }
}
