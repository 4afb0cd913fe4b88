package org.ecarehub.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The portal's password rule, as NIST SP 800-63B puts it: long rather than complex (at least 12 characters, at most
 * 200), not the account's own name, and not one of the passwords attackers try first. No composition rules and no
 * expiry, which push people to weaker, predictable passwords.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 200;

    private static final Set<String> COMMON = load();

    private PasswordPolicy() {}

    /** Why the password may not be used, or empty when it may. The message never repeats the password. */
    static Optional<String> problem(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("a password may have at most " + MAX_LENGTH + " characters");
        }
        String lower = password.strip().toLowerCase(Locale.ROOT);
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("a password may not contain the username");
        }
        if (COMMON.contains(lower)) {
            return Optional.of("this password is among the most common ones; choose another");
        }
        if (lower.chars().distinct().count() < 4) {
            return Optional.of("a password needs more than a few different characters");
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (var in = PasswordPolicy.class.getResourceAsStream("/org/ecarehub/identity/common-passwords.txt");
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
