package org.ecarehub.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ecarehub.partnership.PartnershipFile;
import org.ecarehub.partnership.PartnershipFile.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Commands about the partnership file. */
@Command(
        name = "partnership",
        mixinStandardHelpOptions = true,
        description = "Work with partnership files.",
        subcommands = PartnershipCommand.Validate.class)
final class PartnershipCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing sub-command");
    }

    /** Reports every problem of a partnership file with its line, without touching a hub. */
    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a partnership file.")
    static final class Validate implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The partnership file (YAML).")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String text;
            try {
                byte[] bytes = Files.readAllBytes(file);
                text = StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                spec.commandLine().getErr().println(file + ": the file is not UTF-8 text");
                return EcareCli.FAILURE;
            } catch (IOException e) {
                spec.commandLine().getErr().println("ecare: cannot read " + file + ": " + e.getMessage());
                return EcareCli.FAILURE;
            }
            PartnershipFile.Result result = PartnershipFile.parse(file.toString(), text);
            if (result.problems().isEmpty()) {
                spec.commandLine().getOut().println(file + ": valid");
                return EcareCli.OK;
            }
            for (Problem problem : result.problems()) {
                spec.commandLine().getOut().println(problem);
            }
            spec.commandLine().getErr().println(file + ": " + result.problems().size() + " problem(s)");
            return EcareCli.FAILURE;
        }
    }
}
