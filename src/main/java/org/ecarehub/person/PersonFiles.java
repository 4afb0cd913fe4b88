package org.ecarehub.person;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ecarehub.person.matching.PersonRecord;

/**
 * Reads person files: CSV as RFC 4180, UTF-8 with or without a byte-order mark, columns found by their header's
 * names (in any order; extra columns ignored). A row that cannot be read is reported with its file and line and
 * left out whole, never in part; the rest of the file is read. A CHI is kept as recorded, valid or not.
 */
public final class PersonFiles {

    /** The columns a person file must have, as the contract names them. */
    public static final List<String> COLUMNS = List.of(
            "agency",
            "local_id",
            "chi",
            "given_name",
            "family_name",
            "other_given_names",
            "date_of_birth",
            "sex",
            "address",
            "postcode",
            "phone");

    private static final DateTimeFormatter ISO_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_FIELD = 500;

    /** A row or a file that could not be read, and why, in words that name no person. */
    public record Problem(String file, long line, String message) {
        @Override
        public String toString() {
            return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
        }
    }

    /** A row read whole, with the file and line it started on. */
    public record Row(String file, long line, PersonRecord record, ChiNumber chi) {}

    /** Everything read from a set of files, and every problem met. */
    public record Read(List<Row> rows, List<Problem> problems) {
        public Read {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }

        public List<PersonRecord> records() {
            return rows.stream().map(Row::record).toList();
        }

        /** How many rows hold a CHI that fails its checks: kept, and counted for the summary. */
        public long invalidChis() {
            return rows.stream()
                    .filter(row -> row.chi() != null && !row.chi().valid())
                    .count();
        }
    }

    private final Set<String> seen = new HashSet<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private PersonFiles() {}

    /** Reads the files in order; a local id already read for the same agency, in any of them, is a problem. */
    public static Read read(List<Path> files) {
        PersonFiles reader = new PersonFiles();
        for (Path file : files) {
            String name = file.toString();
            if (!Files.isRegularFile(file)) {
                reader.problems.add(new Problem(name, 0, "no such file"));
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                reader.readFile(name, in);
            } catch (IOException failed) {
                reader.problems.add(new Problem(
                        name, 0, "could not be read: " + failed.getClass().getSimpleName()));
            }
        }
        return new Read(reader.rows, reader.problems);
    }

    /** Reads one file's content, as sent to the hub under a name. */
    public static Read read(String name, InputStream content) {
        PersonFiles reader = new PersonFiles();
        try {
            reader.readFile(name, content);
        } catch (IOException failed) {
            reader.problems.add(new Problem(
                    name, 0, "could not be read: " + failed.getClass().getSimpleName()));
        }
        return new Read(reader.rows, reader.problems);
    }

    private void readFile(String name, InputStream in) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        Reader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        reader.mark(1);
        int first = reader.read();
        if (first == -1) {
            problems.add(new Problem(name, 0, "the file is empty: it needs a header row"));
            return;
        }
        if (first != '\uFEFF') {
            reader.reset();
        }
        CSVFormat format = CSVFormat.RFC4180.builder().get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                problems.add(new Problem(name, 0, "the file is empty: it needs a header row"));
                return;
            }
            Map<String, Integer> columns = header(name, records.next());
            if (columns == null) {
                return;
            }
            long line = parser.getCurrentLineNumber() + 1;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException unreadable) {
                    problems.add(new Problem(name, line, "unreadable CSV from here on (an unclosed quote?)"));
                    return;
                }
                row(name, line, columns, record);
                line = parser.getCurrentLineNumber() + 1;
            }
        }
    }

    private Map<String, Integer> header(String name, CSVRecord header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (columns.putIfAbsent(column, i) != null && COLUMNS.contains(column)) {
                problems.add(new Problem(name, 1, "the header names the column " + column + " twice"));
                return null;
            }
        }
        List<String> missing =
                COLUMNS.stream().filter(column -> !columns.containsKey(column)).toList();
        if (!missing.isEmpty()) {
            problems.add(new Problem(
                    name,
                    1,
                    "the header row lacks the column(s) " + String.join(", ", missing) + "; it needs "
                            + String.join(",", COLUMNS)));
            return null;
        }
        columns.put("", header.size());
        return columns;
    }

    private void row(String name, long line, Map<String, Integer> columns, CSVRecord record) {
        int width = columns.get("");
        if (record.size() == 1 && record.get(0).isEmpty()) {
            return;
        }
        if (record.size() != width) {
            problems.add(new Problem(name, line, "has " + record.size() + " fields where the header has " + width));
            return;
        }
        for (String value : record) {
            if (value.indexOf('\uFFFD') >= 0) {
                problems.add(new Problem(name, line, "holds bytes that are not UTF-8"));
                return;
            }
            if (value.length() > MAX_FIELD) {
                problems.add(new Problem(name, line, "has a field longer than " + MAX_FIELD + " characters"));
                return;
            }
        }
        String agency = field(record, columns, "agency");
        String localId = field(record, columns, "local_id");
        if (agency == null || localId == null) {
            problems.add(new Problem(name, line, "has no " + (agency == null ? "agency" : "local_id")));
            return;
        }
        LocalDate born;
        String date = field(record, columns, "date_of_birth");
        try {
            born = date == null ? null : LocalDate.parse(date, ISO_DATE);
        } catch (DateTimeParseException bad) {
            problems.add(new Problem(name, line, "has a date_of_birth that is not a real date as yyyy-mm-dd"));
            return;
        }
        String sex = field(record, columns, "sex");
        if (sex != null && !(sex.equals("F") || sex.equals("M") || sex.equals("U"))) {
            problems.add(new Problem(name, line, "has a sex other than F, M, U or empty"));
            return;
        }
        // Identifiers are echoed exactly as read, so the key keeps them unchanged.
        if (!seen.add(agency.length() + ":" + agency + localId)) {
            problems.add(new Problem(name, line, "repeats a local_id already read for agency " + agency));
            return;
        }
        String chi = field(record, columns, "chi");
        PersonRecord person = new PersonRecord(
                record.get(columns.get("agency")),
                record.get(columns.get("local_id")),
                chi,
                field(record, columns, "given_name"),
                field(record, columns, "family_name"),
                field(record, columns, "other_given_names"),
                born,
                sex,
                field(record, columns, "address"),
                field(record, columns, "postcode"),
                field(record, columns, "phone"),
                List.of());
        rows.add(new Row(name, line, person, chi == null ? null : ChiNumber.of(chi)));
    }

    /** A field's value, stripped; null when empty. Agency and local id are checked stripped but kept as read. */
    private static String field(CSVRecord record, Map<String, Integer> columns, String column) {
        String value = record.get(columns.get(column)).strip();
        return value.isEmpty() ? null : value;
    }
}
