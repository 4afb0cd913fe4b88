package org.ecarehub.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The firewall's header checks give the answers of Spring Security's own expressions, over every kind of character
 * and a hundred thousand random strings.
 */
class HeaderTextTests {

    /** StrictHttpFirewall's expressions (Spring Security 7.0), copied here so that a change of theirs is seen. */
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    private static void sameAsTheExpressions(String text) {
        assertThat(HeaderText.allowedName(text))
                .as("name %s", text.codePoints().boxed().toList())
                .isEqualTo(NAMES.matcher(text).matches());
        assertThat(HeaderText.allowedValue(text))
                .as("value %s", text.codePoints().boxed().toList())
                .isEqualTo(VALUES.matcher(text).matches());
    }

    @Test
    void answersAsTheExpressionsForEveryCodePointAlone() {
        for (int point = 0; point <= Character.MAX_CODE_POINT; point++) {
            sameAsTheExpressions(new String(Character.toChars(point)));
        }
    }

    @Test
    void answersAsTheExpressionsForRandomStringsAndBrokenSurrogates() {
        Random random = new Random(20261126);
        List<String> texts = new ArrayList<>(List.of(
                "",
                "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdy5ibGFudHlyZSJ9.c2lnbmF0dXJl",
                "application/fhir+json; charset=utf-8",
                "a\tb",
                "a\nb",
                "\u0085",
                "\ud800",
                "x\udc00y",
                "\ud83d\ude00"));
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                // Mostly ASCII, as headers are, with control characters, Latin-1, surrogates and far planes mixed in.
                switch (random.nextInt(6)) {
                    case 0 -> text.append((char) random.nextInt(0x20));
                    case 1 -> text.append((char) (0x7f + random.nextInt(0x81)));
                    case 2 -> text.append((char) (0xd800 + random.nextInt(0x800)));
                    case 3 -> text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                    default -> text.append((char) (0x20 + random.nextInt(0x5f)));
                }
            }
            texts.add(text.toString());
        }
        texts.forEach(HeaderTextTests::sameAsTheExpressions);
    }
}
