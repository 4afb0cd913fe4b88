package org.ecarehub.identity.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo partnership file, and variants of it for tests. */
final class DemoFiles {

    private DemoFiles() {}

    static String demoPartnership() {
        try (InputStream in = DemoFiles.class.getResourceAsStream("/demo/partnership.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo file with one staff account made inactive. */
    static String withAccountDeactivated(String username) {
        String file = demoPartnership();
        Matcher start = Pattern.compile("(?m)^(\\s*)- username: " + Pattern.quote(username) + "\\s*$")
                .matcher(file);
        if (!start.find()) {
            throw new IllegalStateException("no staff account " + username + " in the demo file");
        }
        Matcher next = Pattern.compile("(?m)^\\s*- username: |^\\S").matcher(file);
        int end = next.find(start.end()) ? next.start() : file.length();
        String block = file.substring(start.end(), end);
        String indent = start.group(1) + "  ";
        String changed = block.contains("active:")
                ? block.replaceFirst("active:\\s*true", "active: false")
                : "\n" + indent + "active: false" + block;
        return file.substring(0, start.end()) + changed + file.substring(end);
    }
}
