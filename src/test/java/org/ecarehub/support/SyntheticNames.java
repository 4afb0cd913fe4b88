package org.ecarehub.support;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Names for the synthetic people tests create one by one, far enough apart that the person index never takes two of
 * them for one person: with names from a short list, or sharing a prefix and a suffix, and birth dates within months,
 * it now and then did, and a test's family lost a member.
 */
public final class SyntheticNames {

    private SyntheticNames() {}

    /** Seven random letters, capitalised. */
    public static String next() {
        StringBuilder name = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 7; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        name.setCharAt(0, Character.toUpperCase(name.charAt(0)));
        return name.toString();
    }

    /** A number of days from 0 to {@code spread - 1}, to spread birth dates. */
    public static int days(int spread) {
        return ThreadLocalRandom.current().nextInt(spread);
    }
}
