package org.ecarehub.person.matching;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names as agencies type them, brought to one spelling for comparison: lower case, accents and punctuation gone,
 * Mc, M' and Mac written alike, and hyphenated or double family names kept as their parts too, so that "Anne-Marie
 * McLaren" and "anne marie MACLAREN" compare as the same.
 */
public final class Names {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`]");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z]+");

    private Names() {}

    /** A name's parts in one spelling, in their order; empty for a name with no letters. */
    public static List<String> parts(String name) {
        if (name == null) {
            return List.of();
        }
        String folded = name;
        if (!isAscii(name)) {
            folded = Normalizer.normalize(name, Normalizer.Form.NFD);
            folded = COMBINING_MARKS.matcher(folded).replaceAll("");
            // A letter that does not decompose (ø, ł, æ) is spelt as Scottish records spell it.
            folded =
                    folded.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L");
            folded = folded.replace("æ", "ae").replace("Æ", "AE").replace("ß", "ss");
        }
        folded = folded.toLowerCase(Locale.ROOT);
        // O'Neill and M'Donald keep their prefix joined to the name, as ONeill and MDonald.
        folded = APOSTROPHES.matcher(folded).replaceAll("");
        List<String> parts = new ArrayList<>();
        String pendingPrefix = null;
        for (String part : SEPARATORS.split(folded)) {
            if (part.isEmpty()) {
                continue;
            }
            if (pendingPrefix != null) {
                // "Mac Laren" written apart is still one surname.
                parts.add("mac" + part);
                pendingPrefix = null;
            } else if (part.equals("mc") || part.equals("mac")) {
                pendingPrefix = part;
            } else {
                parts.add(macPrefix(part));
            }
        }
        if (pendingPrefix != null) {
            parts.add(pendingPrefix);
        }
        return List.copyOf(parts);
    }

    /** Most names are plain ASCII and need no Unicode decomposition, the costliest step for a million records. */
    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** The whole name in one spelling, its parts joined without spaces: "Anne-Marie" and "Annemarie" agree. */
    public static String key(String name) {
        return String.join("", parts(name));
    }

    /** Mc, M' (already M once the apostrophe is gone) and Mac are one prefix in Scottish surnames. */
    private static String macPrefix(String part) {
        if (part.startsWith("mac") && part.length() > 4) {
            return part;
        }
        if (part.startsWith("mc") && part.length() > 3) {
            return "mac" + part.substring(2);
        }
        if (part.startsWith("m") && part.length() > 3 && isMacStem(part.substring(1))) {
            return "mac" + part.substring(1);
        }
        return part;
    }

    /** A name that follows a bare M, as in M'Donald or M'Kay: a consonant start that no M-word has. */
    private static boolean isMacStem(String rest) {
        return rest.startsWith("donald")
                || rest.startsWith("kay")
                || rest.startsWith("kenzie")
                || rest.startsWith("gregor")
                || rest.startsWith("leod")
                || rest.startsWith("intosh");
    }
}
