package org.ecarehub.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the hub with the demo partnership of DEMO.md, seeding it on first start. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the hub with the demo partnership.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    HubOptions options;

    @Option(
            names = "--people",
            defaultValue = "1000",
            description = "Synthetic people to generate (default ${DEFAULT-VALUE}).")
    int people;

    @Option(names = "--reset", description = "Start afresh: erase the demo database first.")
    boolean reset;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (people < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--people must be 0 or more");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ecare.demo.people", people);
        extra.put("ecare.demo.reset", reset);
        return HubLauncher.start(options, "demo", extra, spec.commandLine().getErr());
    }
}
