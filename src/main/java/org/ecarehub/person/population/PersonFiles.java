package org.ecarehub.person.population;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.person.matching.PersonRecord;

/**
 * Writes person files: one CSV per agency, as the person index imports them, and the truth of whose each record is.
 * RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote or a line break.
 */
final class PersonFiles {

    static final String HEADER =
            "agency,local_id,chi,given_name,family_name,other_given_names,date_of_birth,sex,address,postcode,phone";

    static final String TRUTH_HEADER = "agency,local_id,person_key";

    private static final int BUFFER = 1 << 16;

    private PersonFiles() {}

    /** Writes a file for each agency, with its header even when it holds no records, and the truth file. */
    static void write(List<String> agencies, List<SourcedRecord> records, Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Writer> files = new HashMap<>();
        try (Writer truth = open(directory.resolve("truth.csv"))) {
            for (String agency : agencies) {
                Writer file = open(directory.resolve(agency + ".csv"));
                files.put(agency, file);
                file.write(HEADER);
                file.write("\r\n");
            }
            truth.write(TRUTH_HEADER);
            truth.write("\r\n");
            for (SourcedRecord sourced : records) {
                PersonRecord record = sourced.record();
                writeRecord(files.get(record.agency()), record);
                field(truth, record.agency());
                truth.write(',');
                field(truth, record.localId());
                truth.write(',');
                field(truth, sourced.personKey());
                truth.write("\r\n");
            }
        } finally {
            IOException failure = null;
            for (Writer file : files.values()) {
                try {
                    file.close();
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static Writer open(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER);
    }

    private static void writeRecord(Writer out, PersonRecord record) throws IOException {
        field(out, record.agency());
        out.write(',');
        field(out, record.localId());
        out.write(',');
        field(out, record.chi());
        out.write(',');
        field(out, record.givenName());
        out.write(',');
        field(out, record.familyName());
        out.write(',');
        field(out, record.otherGivenNames());
        out.write(',');
        LocalDate dateOfBirth = record.dateOfBirth();
        if (dateOfBirth != null) {
            out.write(dateOfBirth.toString());
        }
        out.write(',');
        field(out, record.sex());
        out.write(',');
        field(out, record.address());
        out.write(',');
        field(out, record.postcode());
        out.write(',');
        field(out, record.phone());
        out.write("\r\n");
    }

    /** A field, quoted with its quotes doubled when it needs to be; nothing at all for an unknown value. */
    static void field(Writer out, String value) throws IOException {
        if (value == null) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }
}
