package org.ecarehub.person.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Given names that are one name in UK and Scottish records: Robert and Bob, Margaret and Peggy, John and Iain, James
 * and Hamish. The table is a list of groups; two names are variants when some group holds both, never through a chain
 * of groups, so Sandy is both Alexander and Alexandra while Alexander and Alexandra stay apart.
 *
 * <p>Names are compared as {@link Names#key} spells them. The standard table is the resource {@code
 * given-name-variants.txt} beside this class: a group a line, names separated by commas, {@code #} starting a comment.
 */
public final class GivenNameVariants {

    private static final String RESOURCE = "given-name-variants.txt";
    private static final Pattern NAME = Pattern.compile("[a-z]+");
    private static final int[] NO_GROUPS = {};

    private final Map<String, int[]> groupsByName;
    private final List<List<String>> groups;

    private GivenNameVariants(Map<String, int[]> groupsByName, List<List<String>> groups) {
        this.groupsByName = groupsByName;
        this.groups = groups;
    }

    /** The table of the resource beside this class, read once. */
    public static GivenNameVariants standard() {
        return Standard.TABLE;
    }

    /**
     * Whether two names, already spelt as {@link Names#key} spells them, are the same given name: equal, or together in
     * a group. A name with no letters is nobody's variant, not even its own.
     */
    public boolean areVariants(String a, String b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return false;
        }
        return a.equals(b) || shareAGroup(groupsOf(a), groupsOf(b));
    }

    /**
     * The ids of the groups that hold the name, in ascending order; empty for a name the table does not know. A matcher
     * that compares one name many times keeps these and calls {@link #shareAGroup}.
     */
    public int[] groups(String name) {
        return groupsOf(name).clone();
    }

    /** Whether two ascending arrays of group ids, as {@link #groups} gives them, have an id in common. */
    public static boolean shareAGroup(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    /** The names of a group in the table's order: the formal name first, then its short forms and other spellings. */
    public List<String> group(int id) {
        return groups.get(id);
    }

    public int groupCount() {
        return groups.size();
    }

    public int nameCount() {
        return groupsByName.size();
    }

    /** Every name the table knows. */
    public Set<String> names() {
        return groupsByName.keySet();
    }

    private int[] groupsOf(String name) {
        return name == null ? NO_GROUPS : groupsByName.getOrDefault(name, NO_GROUPS);
    }

    /** Reads a table in the resource's format; a malformed line stops the reading with its line number. */
    static GivenNameVariants read(Reader source) throws IOException {
        Map<String, List<Integer>> idsByName = new HashMap<>(4096);
        List<List<String>> groups = new ArrayList<>();
        BufferedReader reader = new BufferedReader(source);
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            int comment = line.indexOf('#');
            String content = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (content.isEmpty()) {
                continue;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (String part : content.split(",", -1)) {
                String name = part.strip();
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(
                            "Line " + lineNumber + " holds \"" + name + "\", which is not a lower-case ASCII name");
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("Line " + lineNumber + " holds " + name + " twice");
                }
                idsByName.computeIfAbsent(name, n -> new ArrayList<>(2)).add(groups.size());
            }
            if (seen.size() < 2) {
                throw new IllegalArgumentException("Line " + lineNumber + " is a group of one name");
            }
            groups.add(List.copyOf(seen));
        }
        Map<String, int[]> groupsByName = new HashMap<>(idsByName.size() * 2);
        // Group ids are added in increasing order, so each array is already sorted for shareAGroup.
        idsByName.forEach((name, ids) ->
                groupsByName.put(name, ids.stream().mapToInt(Integer::intValue).toArray()));
        return new GivenNameVariants(Map.copyOf(groupsByName), List.copyOf(groups));
    }

    static GivenNameVariants readResource() {
        try (InputStream in = GivenNameVariants.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The resource " + RESOURCE + " is missing beside GivenNameVariants");
            }
            return read(new InputStreamReader(in, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "GivenNameVariants[" + groups.size() + " groups, " + groupsByName.size() + " names]";
    }

    /** Holds the standard table, read when first asked for. */
    private static final class Standard {
        static final GivenNameVariants TABLE = readResource();
    }
}
