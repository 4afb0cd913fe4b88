package org.ecarehub.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Runs the hub for a real partnership: no demo accounts, no demo data. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the hub.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    HubOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return HubLauncher.start(options, "serve", Map.of(), spec.commandLine().getErr());
    }
}
