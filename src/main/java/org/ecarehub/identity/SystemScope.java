package org.ecarehub.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART Backend Services scope an agency system's token grants: {@code system/TYPE.LETTERS}, the letters SMART v2's
 * {@code c r u d s} (create, read, update, delete, search) in that order, or SMART v1's {@code read} (read and search),
 * {@code write} (create, update, delete) or {@code *}; TYPE a resource type or {@code *} for every type.
 *
 * @param letters the v2 letters the scope grants, v1 access spelled as its v2 letters
 */
public record SystemScope(String resourceType, String letters) {

    /** SMART v2's letters, in the order a scope must list them. */
    public static final String ALL_LETTERS = "cruds";

    private static final Pattern FORM = Pattern.compile("system/(\\*|[A-Z][A-Za-z]{0,63})\\.([a-z]+|\\*)");

    public SystemScope {
        Objects.requireNonNull(resourceType, "resource type");
        Objects.requireNonNull(letters, "letters");
        if (!inOrder(letters)) {
            throw new IllegalArgumentException(
                    "a scope's letters are some of c, r, u, d, s, in that order, at least one");
        }
    }

    /**
     * The scope the text names; empty for anything else, a granular scope ({@code system/Flag.rs?category=...}) and a
     * patient or user scope included, since the hub serves only whole types to systems.
     */
    public static Optional<SystemScope> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String access = matcher.group(2);
        String letters = switch (access) {
            case "read" -> "rs";
            case "write" -> "cud";
            case "*" -> ALL_LETTERS;
            default -> access;
        };
        return inOrder(letters) ? Optional.of(new SystemScope(matcher.group(1), letters)) : Optional.empty();
    }

    /** Whether the scope grants the interaction of this v2 letter on resources of the type. */
    public boolean grants(String type, char letter) {
        return (resourceType.equals("*") || resourceType.equals(type)) && letters.indexOf(letter) >= 0;
    }

    /** The scope in SMART v2's form. */
    public String text() {
        return "system/" + resourceType + "." + letters;
    }

    /** The letters of this scope that are also among {@code served}, in SMART's order; empty when none are. */
    public String lettersAmong(String served) {
        StringBuilder kept = new StringBuilder();
        for (char letter : letters.toCharArray()) {
            if (served.indexOf(letter) >= 0) {
                kept.append(letter);
            }
        }
        return kept.toString();
    }

    private static boolean inOrder(String letters) {
        if (letters.isEmpty()) {
            return false;
        }
        int last = -1;
        for (char letter : letters.toCharArray()) {
            int at = ALL_LETTERS.indexOf(letter);
            if (at <= last) {
                return false;
            }
            last = at;
        }
        return true;
    }
}
