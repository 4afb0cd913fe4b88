package org.ecarehub.person.matching;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        return Collections.unmodifiableSet(groupsByName.keySet());
    }

    private int[] groupsOf(String name) {
        return name == null ? NO_GROUPS : groupsByName.getOrDefault(name, NO_GROUPS);
    }

    /**
     * Reads a table in the resource's format; a malformed line stops the reading with its line number. Plain loops over
     * the bytes, without streams, lambdas or regular expressions: the table is read while the JVM is still cold, and
     * their first use would cost it tens of milliseconds.
     */
    static GivenNameVariants read(byte[] text) {
        Map<String, int[]> groupsByName = new HashMap<>(4096);
        List<List<String>> groups = new ArrayList<>(512);
        int lineNumber = 0;
        for (int start = 0; start < text.length; ) {
            lineNumber++;
            int end = start;
            while (end < text.length && text[end] != '\n') {
                end++;
            }
            int contentEnd = start;
            while (contentEnd < end && text[contentEnd] != '#') {
                contentEnd++;
            }
            List<String> group = names(text, start, contentEnd, lineNumber);
            if (group.size() == 1) {
                throw new IllegalArgumentException("Line " + lineNumber + " is a group of one name");
            }
            if (!group.isEmpty()) {
                add(group, groups, groupsByName);
            }
            start = end + 1;
        }
        return new GivenNameVariants(groupsByName, List.copyOf(groups));
    }

    /** The comma-separated names between two offsets of one line; none for a blank line. */
    private static List<String> names(byte[] text, int from, int to, int lineNumber) {
        if (isBlank(text, from, to)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        int nameStart = from;
        for (int i = from; i <= to; i++) {
            if (i < to && text[i] != ',') {
                continue;
            }
            int first = nameStart;
            int last = i;
            while (first < last && isSpace(text[first])) {
                first++;
            }
            while (last > first && isSpace(text[last - 1])) {
                last--;
            }
            String name = new String(text, first, last - first, StandardCharsets.UTF_8);
            for (int k = first; k < last; k++) {
                if (text[k] < 'a' || text[k] > 'z') {
                    throw new IllegalArgumentException(
                            "Line " + lineNumber + " holds \"" + name + "\", which is not a lower-case ASCII name");
                }
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Line " + lineNumber + " holds an empty name");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("Line " + lineNumber + " holds " + name + " twice");
            }
            names.add(name);
            nameStart = i + 1;
        }
        return names;
    }

    private static boolean isBlank(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isSpace(text[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static void add(List<String> group, List<List<String>> groups, Map<String, int[]> groupsByName) {
        int id = groups.size();
        groups.add(List.copyOf(group));
        for (String name : group) {
            // Ids are given in increasing order, so each array stays sorted for shareAGroup.
            int[] ids = groupsByName.get(name);
            int[] grown = ids == null ? new int[1] : Arrays.copyOf(ids, ids.length + 1);
            grown[grown.length - 1] = id;
            groupsByName.put(name, grown);
        }
    }

    static GivenNameVariants readResource() {
        try (InputStream in = GivenNameVariants.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The resource " + RESOURCE + " is missing beside GivenNameVariants");
            }
            return read(in.readAllBytes());
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
