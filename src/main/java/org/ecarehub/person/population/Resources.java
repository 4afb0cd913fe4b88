package org.ecarehub.person.population;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The data files beside these classes: comma-separated rows, with # comments and blank lines. */
final class Resources {

    private Resources() {}

    /** The rows of a resource, each of so many fields; a row of any other length stops the reading. */
    static List<String[]> rows(String resource, int leastFields, int mostFields) {
        try (InputStream in = Resources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The resource " + resource + " is missing beside Resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                String[] row = content.split(",", -1);
                if (row.length < leastFields || row.length > mostFields) {
                    throw new IllegalStateException(resource + " has a row of " + row.length + " fields, not "
                            + leastFields + " to " + mostFields + ": " + content);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
