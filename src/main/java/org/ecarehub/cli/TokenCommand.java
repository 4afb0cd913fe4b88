package org.ecarehub.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Asks the running standalone hub for a 15-minute token for a staff account, or for an agency's own system, and
 * prints only the token.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Print a 15-minute API token for a staff account, or an agency's system, of the running hub.")
final class TokenCommand implements Callable<Integer> {

    static final class Caller {
        @Option(names = "--user", required = true, description = "Staff account.")
        String user;

        @Option(
                names = "--agency",
                required = true,
                description = "Agency whose own system the token is for (it writes only that agency's records).")
        String agency;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Caller caller;

    @Option(names = "--purpose", description = "Purpose of use of a staff token (default: direct-care).")
    String purpose;

    @Option(
            names = "--url",
            defaultValue = "http://localhost:8080",
            description = "The hub (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(
            names = "--data-dir",
            defaultValue = "${env:ECARE_DATA_DIR:-./data}",
            description = "The hub's data directory, which holds the token secret (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (caller.agency != null && purpose != null) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--purpose is for staff tokens; an agency system's token has none");
        }
        HubTokens.Answer answer = caller.user != null
                ? HubTokens.forStaff(url, dataDir, caller.user, purpose)
                : HubTokens.forAgencySystem(url, dataDir, caller.agency);
        if (!answer.ok()) {
            spec.commandLine().getErr().println("ecare: " + answer.problem());
            return answer.exitCode();
        }
        spec.commandLine().getOut().println(answer.token());
        return EcareCli.OK;
    }
}
