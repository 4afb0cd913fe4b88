package org.ecarehub.person.population;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the person files of a synthetic population for benchmark scripts: {@code --people N --seed S --out DIR}.
 * Prints one line of what it wrote and how long it took; no person's data.
 */
public final class PopulationFiles {

    private PopulationFiles() {}

    public static void main(String[] args) throws IOException {
        int people = 1_000;
        long seed = 1;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--people" -> people = Integer.parseInt(required("--people", value));
                case "--seed" -> seed = Long.parseLong(required("--seed", value));
                case "--out" -> out = Path.of(required("--out", value));
                default ->
                    throw new IllegalArgumentException(
                            "Unknown option " + args[i] + "; the options are --people N --seed S --out DIR");
            }
            i++;
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        long start = System.nanoTime();
        SyntheticPopulation population = SyntheticPopulation.generate(people, seed);
        long generated = System.nanoTime();
        population.writePersonFiles(out);
        long written = System.nanoTime();
        System.out.printf(
                "%d people, %d records in %s: generated in %d ms, written in %d ms%n",
                population.people().size(),
                population.records().size(),
                out,
                (generated - start) / 1_000_000,
                (written - generated) / 1_000_000);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
