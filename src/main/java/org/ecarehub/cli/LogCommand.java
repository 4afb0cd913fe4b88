package org.ecarehub.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.ecarehub.transparency.LogVerification;
import org.ecarehub.transparency.LogWitness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Commands that check the transparency log: the operator's full check, and a partner's witness. */
@Command(
        name = "log",
        mixinStandardHelpOptions = true,
        description = "Check the transparency log.",
        subcommands = {LogCommand.Verify.class, LogCommand.Witness.class})
final class LogCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing sub-command");
    }

    /** Verifies the whole stored log; with the embedded database the hub must be stopped. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Recompute and check the whole stored log: leaves, subtrees, tree heads, events and each"
                    + " person's chain. Prints each problem on standard output; exits 0 only when all holds.")
    static final class Verify implements Callable<Integer> {

        static final String KEY_FILE = "transparency/log-key.pem";
        static final String RETIRED_KEYS = "transparency/retired-keys";

        @Mixin
        DatabaseOptions storage;

        @Option(
                names = "--log-key-file",
                defaultValue = "${env:ECARE_LOG_KEY_FILE}",
                description = "The log's key file (default: in the data directory).")
        Path logKeyFile;

        @Option(
                names = "--trusted-key",
                description = "A retired key file whose tree heads are trusted too (repeatable); the files in"
                        + " DATA-DIR/" + RETIRED_KEYS + " are trusted already.")
        List<Path> trustedKeyFiles = new ArrayList<>();

        @Option(
                names = "--export",
                description = "Check a person's history export (access-history.json) offline instead of the"
                        + " database: each entry's leaf and inclusion proof, the tree head's signature and the"
                        + " person's chain. With --trusted-key, the export's key must be one of those.")
        Path export;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (export != null) {
                return verifyExport();
            }
            List<byte[]> trusted = new ArrayList<>();
            try {
                trusted.add(LogVerification.publicKeyOfKeyFile(
                        logKeyFile != null ? logKeyFile : storage.dataDir.resolve(KEY_FILE)));
                Path retired = storage.dataDir.resolve(RETIRED_KEYS);
                List<Path> files = new ArrayList<>(trustedKeyFiles);
                if (Files.isDirectory(retired)) {
                    try (var listing = Files.list(retired)) {
                        listing.filter(file -> file.toString().endsWith(".pem")).forEach(files::add);
                    }
                }
                for (Path file : files) {
                    trusted.add(LogVerification.publicKeyOfKeyFile(file));
                }
            } catch (IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("ecare: " + e.getMessage());
                return EcareCli.FAILURE;
            }
            DatabaseTarget database = storage.database();
            String url = database.embedded() ? database.url() + ";IFEXISTS=TRUE" : database.url();
            Properties properties = new Properties();
            properties.setProperty("user", database.user());
            properties.setProperty("password", database.password());
            if (url.startsWith("jdbc:postgresql:")) {
                // Binary transfer of every column: decoding millions of hashes from hex text costs a fifth of the run.
                properties.setProperty("prepareThreshold", "-1");
            }
            DriverManager.setLoginTimeout(DatabaseTarget.LOGIN_TIMEOUT_SECONDS);
            try (Connection connection = DriverManager.getConnection(url, properties)) {
                LogVerification.Report report = LogVerification.verify(connection, trusted);
                for (String problem : report.problems()) {
                    spec.commandLine().getOut().println(problem);
                }
                String summary = report.leaves() + " leaves, " + report.treeHeads() + " tree heads, "
                        + report.events() + " events, " + report.persons() + " people's chains, "
                        + report.pending() + " events waiting to be sequenced";
                if (report.holds()) {
                    spec.commandLine().getOut().println("log verified: " + summary);
                    return EcareCli.OK;
                }
                spec.commandLine()
                        .getErr()
                        .println("ecare: the log does not verify ("
                                + report.problems().size() + " problem(s) shown); checked " + summary);
                return EcareCli.FAILURE;
            } catch (SQLException e) {
                return databaseError(e, database);
            }
        }

        private int verifyExport() {
            try {
                List<byte[]> trusted = new ArrayList<>();
                for (Path file : trustedKeyFiles) {
                    trusted.add(LogVerification.publicKeyOfKeyFile(file));
                }
                ExportCheck.Report report = ExportCheck.check(export, trusted);
                report.problems().forEach(spec.commandLine().getOut()::println);
                String summary =
                        report.entries() + " entries, " + report.shown() + " shown, log key id " + report.keyId();
                if (report.problems().isEmpty()) {
                    spec.commandLine().getOut().println("export verified: " + summary);
                    return EcareCli.OK;
                }
                spec.commandLine()
                        .getErr()
                        .println("ecare: the export does not verify ("
                                + report.problems().size() + " problem(s) shown); checked " + summary);
                return EcareCli.FAILURE;
            } catch (IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("ecare: " + e.getMessage());
                return EcareCli.FAILURE;
            }
        }

        private int databaseError(SQLException e, DatabaseTarget database) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (database.embedded() && e.getErrorCode() == 90020) {
                spec.commandLine()
                        .getErr()
                        .println("ecare: the embedded database is in use: stop the hub, then verify its log");
                return EcareCli.UNREACHABLE;
            }
            if (database.embedded() && e.getErrorCode() == 90146) {
                spec.commandLine().getErr().println("ecare: there is no hub database in " + storage.dataDir);
                return EcareCli.UNREACHABLE;
            }
            if (state.startsWith("08") || state.startsWith("28") || state.startsWith("3D")) {
                spec.commandLine().getErr().println("ecare: cannot reach the database at " + database.displayUrl());
                return EcareCli.UNREACHABLE;
            }
            if (state.equals("42P01") || e.getErrorCode() == 42102) {
                spec.commandLine().getErr().println("ecare: this database holds no transparency log");
                return EcareCli.FAILURE;
            }
            spec.commandLine().getErr().println("ecare: the log could not be read: " + e.getMessage());
            return EcareCli.FAILURE;
        }
    }

    /** Checks the hub's newest signed tree head against the one kept last time. */
    @Command(
            name = "witness",
            mixinStandardHelpOptions = true,
            description = "Fetch the hub's signed tree head, check that it extends the one kept in the state"
                    + " directory, and keep it. Exits 4 on a fork or rollback, 3 when the hub cannot be reached.")
    static final class Witness implements Callable<Integer> {

        @Option(names = "--url", required = true, description = "The hub, e.g. https://ecare.example.org.")
        URI url;

        @Option(names = "--state", required = true, description = "Directory where the witness keeps what it saw.")
        Path state;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            LogWitness.Result result = new LogWitness(url, state).check();
            switch (result.outcome()) {
                case FIRST_SEEN, CONSISTENT -> {
                    spec.commandLine().getOut().println(result.message());
                    return EcareCli.OK;
                }
                case FORK, ROLLBACK -> {
                    spec.commandLine()
                            .getOut()
                            .println(result.outcome().name().toLowerCase() + ": " + result.message());
                    return EcareCli.FORK;
                }
                case UNREACHABLE -> {
                    spec.commandLine().getErr().println("ecare: " + result.message());
                    return EcareCli.UNREACHABLE;
                }
                default -> {
                    spec.commandLine().getErr().println("ecare: " + result.message());
                    return EcareCli.FAILURE;
                }
            }
        }
    }
}
