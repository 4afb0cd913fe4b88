package org.ecarehub.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the {@code ecare} command; sub-commands do the work. */
@Command(
        name = "ecare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "eCare Hub: information sharing for a health and social care partnership.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            TokenCommand.class,
            PartnershipCommand.class,
            LogCommand.class,
            LinkCommand.class,
            ImportCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failure, including a verification that found a problem",
            "2:usage error",
            "3:the hub or database could not be reached",
            "4:a witness saw a fork or rollback"
        })
public final class EcareCli implements Runnable {

    /** Returned by a command that started a server, which must outlive {@code main}. */
    public static final int KEEP_RUNNING = -1;

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;
    public static final int FORK = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-command");
    }

    /** Entry point of the {@code ecare} command; a command that started the hub leaves the JVM running. */
    public static void main(String[] args) {
        int exitCode = run(args);
        if (exitCode != KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }

    /** Runs the command line and returns its exit code; only usage and help go to standard output. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output and error streams, and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new EcareCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("ecare: " + exception.getMessage());
            return FAILURE;
        });
        return commandLine.execute(args);
    }
}
