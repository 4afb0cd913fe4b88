package org.ecarehub.person.matching;

/**
 * Jaro-Winkler similarity of two strings, from 0 (nothing in common) to 1 (equal), with Winkler's bonus of 0.1 for
 * each of up to four shared leading characters. Written here without allocation, since the linker calls it hundreds
 * of millions of times: a library's version builds arrays for every pair. Strings of up to 64 characters, which
 * covers any name, keep their matched positions in two {@code long} bit sets; longer ones fall back to arrays.
 */
public final class JaroWinkler {

    private static final double PREFIX_SCALE = 0.1;
    private static final int MAX_PREFIX = 4;

    private JaroWinkler() {}

    public static double similarity(CharSequence a, CharSequence b) {
        double jaro = jaro(a, b);
        int prefix = 0;
        int limit = Math.min(MAX_PREFIX, Math.min(a.length(), b.length()));
        while (prefix < limit && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * PREFIX_SCALE * (1 - jaro);
    }

    public static double jaro(CharSequence a, CharSequence b) {
        int lengthA = a.length();
        int lengthB = b.length();
        if (lengthA == 0 && lengthB == 0) {
            return 1;
        }
        if (lengthA == 0 || lengthB == 0) {
            return 0;
        }
        if (lengthA > 64 || lengthB > 64) {
            return jaroByArrays(a, b);
        }
        int window = Math.max(0, Math.max(lengthA, lengthB) / 2 - 1);
        long matchedA = 0;
        long matchedB = 0;
        int matches = 0;
        for (int i = 0; i < lengthA; i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(lengthB - 1, i + window);
            char c = a.charAt(i);
            for (int j = from; j <= to; j++) {
                if ((matchedB & (1L << j)) == 0 && b.charAt(j) == c) {
                    matchedA |= 1L << i;
                    matchedB |= 1L << j;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int halfTranspositions = 0;
        long restB = matchedB;
        for (int i = 0; i < lengthA; i++) {
            if ((matchedA & (1L << i)) != 0) {
                int j = Long.numberOfTrailingZeros(restB);
                restB &= restB - 1;
                if (a.charAt(i) != b.charAt(j)) {
                    halfTranspositions++;
                }
            }
        }
        return score(matches, halfTranspositions / 2, lengthA, lengthB);
    }

    /** The same as {@link #jaro} for strings of any length, with arrays for the matched positions. */
    static double jaroByArrays(CharSequence a, CharSequence b) {
        int lengthA = a.length();
        int lengthB = b.length();
        int window = Math.max(0, Math.max(lengthA, lengthB) / 2 - 1);
        boolean[] matchedA = new boolean[lengthA];
        boolean[] matchedB = new boolean[lengthB];
        int matches = 0;
        for (int i = 0; i < lengthA; i++) {
            for (int j = Math.max(0, i - window); j <= Math.min(lengthB - 1, i + window); j++) {
                if (!matchedB[j] && b.charAt(j) == a.charAt(i)) {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int halfTranspositions = 0;
        int j = 0;
        for (int i = 0; i < lengthA; i++) {
            if (matchedA[i]) {
                while (!matchedB[j]) {
                    j++;
                }
                if (a.charAt(i) != b.charAt(j)) {
                    halfTranspositions++;
                }
                j++;
            }
        }
        return score(matches, halfTranspositions / 2, lengthA, lengthB);
    }

    private static double score(int matches, int transpositions, int lengthA, int lengthB) {
        double m = matches;
        return (m / lengthA + m / lengthB + (m - transpositions) / m) / 3;
    }
}
