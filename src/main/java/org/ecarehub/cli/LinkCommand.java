package org.ecarehub.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ecarehub.person.PersonFiles;
import org.ecarehub.person.matching.LinkResult;
import org.ecarehub.person.matching.Linker;
import org.ecarehub.person.matching.PersonRecord;
import org.ecarehub.person.matching.Thresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Links person files offline, without a hub: the pairs that are one person, the pairs to review, and the people. */
@Command(
        name = "link",
        mixinStandardHelpOptions = true,
        description = "Link the records of person files within and across the files. Writes the match and review"
                + " pairs to --out; problems, progress and a summary go to standard error.")
final class LinkCommand implements Callable<Integer> {

    private static final int PROBLEMS_SHOWN = 100;

    @Option(names = "--out", required = true, paramLabel = "PAIRS.csv", description = "Where to write the pairs.")
    Path out;

    @Option(
            names = "--match-threshold",
            paramLabel = "X",
            description = "Match probability from which a pair is one person (default: ${DEFAULT-VALUE}).")
    double matchThreshold = Thresholds.DEFAULT.match();

    @Option(
            names = "--review-threshold",
            paramLabel = "Y",
            description = "Match probability from which a pair goes to review (default: ${DEFAULT-VALUE}).")
    double reviewThreshold = Thresholds.DEFAULT.review();

    @Option(
            names = "--clusters",
            paramLabel = "CLUSTERS.csv",
            description = "Also write each record's person: cluster,agency,local_id.")
    Path clustersOut;

    @Option(names = "--strict", description = "Fail, writing nothing, if any row or file cannot be read.")
    boolean strict;

    @Option(names = "--threads", paramLabel = "N", description = "Threads to compare with (default: one per core).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Person files (CSV).")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Thresholds thresholds;
        try {
            thresholds = new Thresholds(matchThreshold, reviewThreshold);
        } catch (IllegalArgumentException bad) {
            throw new ParameterException(spec.commandLine(), bad.getMessage());
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        PersonFiles.Read read = PersonFiles.read(files);
        report(err, read.problems());
        if (read.rows().isEmpty()) {
            err.println("ecare link: no record could be read; nothing written");
            return EcareCli.FAILURE;
        }
        if (strict && !read.problems().isEmpty()) {
            err.println("ecare link: --strict and " + read.problems().size() + " problem(s); nothing written");
            return EcareCli.FAILURE;
        }
        List<PersonRecord> records = read.records();
        ProgressBar bar = new ProgressBar(err, System.console() != null);
        LinkResult result = new Linker(threads).link(records, thresholds, bar);
        bar.done();
        writePairs(result);
        if (clustersOut != null) {
            writeClusters(result);
        }
        long people = java.util.stream.IntStream.range(0, result.records())
                .map(result::clusterOf)
                .distinct()
                .count();
        err.printf(
                Locale.ROOT,
                "ecare link: %d records read, %d rejected, %d invalid CHIs kept; %d pairs compared;"
                        + " %d matches, %d reviews; %d people; %.1f s%n",
                read.rows().size(),
                read.problems().size(),
                read.invalidChis(),
                result.compared(),
                result.count(LinkResult.Decision.MATCH),
                result.count(LinkResult.Decision.REVIEW),
                people,
                (System.nanoTime() - started) / 1e9);
        if (result.oversizedBlocks() > 0) {
            err.println("ecare link: " + result.oversizedBlocks()
                    + " block(s) too large to pair within; their records met under the other rules");
        }
        return EcareCli.OK;
    }

    private static void report(PrintWriter err, List<PersonFiles.Problem> problems) {
        problems.stream().limit(PROBLEMS_SHOWN).forEach(problem -> err.println("ecare link: " + problem));
        if (problems.size() > PROBLEMS_SHOWN) {
            err.println("ecare link: and " + (problems.size() - PROBLEMS_SHOWN) + " more problem(s)");
        }
    }

    private void writePairs(LinkResult result) throws IOException {
        List<String[]> rows = new ArrayList<>(result.pairs().size());
        for (LinkResult.Pair pair : result.pairs()) {
            PersonRecord a = result.record(pair.first());
            PersonRecord b = result.record(pair.second());
            if (BYTE_ORDER.compare(a, b) > 0) {
                PersonRecord swap = a;
                a = b;
                b = swap;
            }
            rows.add(new String[] {
                a.agency(),
                a.localId(),
                b.agency(),
                b.localId(),
                String.format(Locale.ROOT, "%.6f", pair.probability()),
                pair.decision().text()
            });
        }
        rows.sort(Comparator.<String[], String>comparing(row -> row[0], LinkCommand::compareBytes)
                .thenComparing(row -> row[1], LinkCommand::compareBytes)
                .thenComparing(row -> row[2], LinkCommand::compareBytes)
                .thenComparing(row -> row[3], LinkCommand::compareBytes));
        writeAtomically(out, "agency_a,local_id_a,agency_b,local_id_b,score,decision", rows);
    }

    private void writeClusters(LinkResult result) throws IOException {
        Integer[] order = new Integer[result.records()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> BYTE_ORDER.compare(result.record(x), result.record(y)));
        // Clusters are numbered in the order of their first record, and listed by number: a counting sort.
        Map<Integer, Integer> numbers = new HashMap<>();
        int[] numberOf = new int[order.length];
        int[] sizes = new int[order.length + 2];
        for (int k = 0; k < order.length; k++) {
            int number = numbers.computeIfAbsent(result.clusterOf(order[k]), cluster -> numbers.size() + 1);
            numberOf[k] = number;
            sizes[number + 1]++;
        }
        for (int number = 1; number < sizes.length; number++) {
            sizes[number] += sizes[number - 1];
        }
        String[][] rows = new String[order.length][];
        for (int k = 0; k < order.length; k++) {
            PersonRecord person = result.record(order[k]);
            rows[sizes[numberOf[k]]++] =
                    new String[] {Integer.toString(numberOf[k]), person.agency(), person.localId()};
        }
        writeAtomically(clustersOut, "cluster,agency,local_id", java.util.Arrays.asList(rows));
    }

    private static final Comparator<PersonRecord> BYTE_ORDER = Comparator.<PersonRecord, String>comparing(
                    PersonRecord::agency, LinkCommand::compareBytes)
            .thenComparing(PersonRecord::localId, LinkCommand::compareBytes);

    /** Compares as UTF-8 bytes do, which is code point order (not Java's UTF-16 order). */
    static int compareBytes(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Writes to a file beside the target and moves it into place, so a failed run leaves no half file. */
    private static void writeAtomically(Path target, String header, List<String[]> rows) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), ".ecare-link-", ".csv");
        try {
            try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                writer.write(header);
                writer.write("\r\n");
                for (String[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        if (i > 0) {
                            writer.write(',');
                        }
                        writer.write(csvField(row[i]));
                    }
                    writer.write("\r\n");
                }
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, quote or line break. */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** A progress bar on standard error when it is a terminal, redrawn at most five times a second. */
    private static final class ProgressBar implements Linker.Progress {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final boolean terminal;
        private long lastDrawn;
        private String lastStage = "";

        ProgressBar(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public synchronized void advanced(String stage, long done, long total) {
            if (!terminal) {
                return;
            }
            long now = System.nanoTime();
            if (stage.equals(lastStage) && now - lastDrawn < 200_000_000L && done < total) {
                return;
            }
            lastStage = stage;
            lastDrawn = now;
            int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, done * WIDTH / total);
            err.printf(
                    Locale.ROOT,
                    "\r[%s%s] %-10s %,d/%,d   ",
                    "#".repeat(filled),
                    "-".repeat(WIDTH - filled),
                    stage,
                    done,
                    total);
            err.flush();
        }

        void done() {
            if (terminal) {
                err.print("\r" + " ".repeat(WIDTH + 50) + "\r");
                err.flush();
            }
        }
    }
}
