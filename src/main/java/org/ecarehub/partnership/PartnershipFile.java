package org.ecarehub.partnership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads a partnership file (YAML; docs/partnership.md gives the format) into a {@link Partnership}, or into every
 * problem found in it, each with the line and column it is about, so that an administrator can mend the whole file
 * in one pass.
 */
public final class PartnershipFile {

    private PartnershipFile() {}

    /** Reads the text of a partnership file; {@code sourceName} (usually the file name) prefixes each problem. */
    public static Result parse(String sourceName, String yamlText) {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(yamlText, "yamlText");
        return new PartnershipFileReader(sourceName).read(yamlText);
    }

    /** Reads a partnership file in UTF-8; problems are prefixed with the path as given. */
    public static Result read(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Either the partnership or the problems that keep the file from being one. */
    public sealed interface Result permits Valid, Invalid {

        /** Every problem found, in the order of the file; empty when the file is valid. */
        List<Problem> problems();

        /** The partnership; for an invalid file, an {@link IllegalStateException} listing every problem. */
        Partnership orElseThrow();
    }

    public record Valid(Partnership partnership) implements Result {

        public Valid {
            Objects.requireNonNull(partnership, "partnership");
        }

        @Override
        public List<Problem> problems() {
            return List.of();
        }

        @Override
        public Partnership orElseThrow() {
            return partnership;
        }
    }

    public record Invalid(List<Problem> problems) implements Result {

        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid partnership file has at least one problem");
            }
        }

        @Override
        public Partnership orElseThrow() {
            throw new IllegalStateException(problems.size() + " problem(s) in the partnership file:\n"
                    + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        }
    }

    /** One problem, at a 1-based line and column of the source; shown as {@code source:line:column: message}. */
    public record Problem(String source, int line, int column, String message) {

        public Problem {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return source + ":" + line + ":" + column + ": " + message;
        }
    }
}
