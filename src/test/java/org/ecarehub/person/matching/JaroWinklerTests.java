package org.ecarehub.person.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Known values from Winkler (1990) and the Jaro-Winkler literature, and agreement of the two code paths. */
class JaroWinklerTests {

    @Test
    void givesThePublishedValues() {
        assertThat(JaroWinkler.jaro("MARTHA", "MARHTA")).isCloseTo(0.944, within(0.001));
        assertThat(JaroWinkler.similarity("MARTHA", "MARHTA")).isCloseTo(0.961, within(0.001));
        assertThat(JaroWinkler.jaro("DWAYNE", "DUANE")).isCloseTo(0.822, within(0.001));
        assertThat(JaroWinkler.similarity("DWAYNE", "DUANE")).isCloseTo(0.840, within(0.001));
        assertThat(JaroWinkler.jaro("DIXON", "DICKSONX")).isCloseTo(0.767, within(0.001));
        assertThat(JaroWinkler.similarity("DIXON", "DICKSONX")).isCloseTo(0.813, within(0.001));
    }

    @Test
    void scoresEqualStringsOneAndDisjointOnesZero() {
        assertThat(JaroWinkler.similarity("thomson", "thomson")).isEqualTo(1.0);
        assertThat(JaroWinkler.similarity("", "")).isEqualTo(1.0);
        assertThat(JaroWinkler.similarity("abc", "")).isZero();
        assertThat(JaroWinkler.similarity("abc", "xyz")).isZero();
    }

    @Test
    void comparesStringsLongerThanABitSet() {
        String long1 = "a".repeat(70) + "martha";
        String long2 = "a".repeat(70) + "marhta";
        assertThat(JaroWinkler.jaro(long1, long2)).isGreaterThan(0.95).isLessThan(1.0);
    }

    @Test
    void isSymmetric() {
        assertThat(JaroWinkler.similarity("thomson", "thompson"))
                .isEqualTo(JaroWinkler.similarity("thompson", "thomson"));
    }

    @Test
    void givesTheSameAnswerWithBitSetsAsWithArrays() {
        Random random = new Random(11);
        for (int n = 0; n < 2000; n++) {
            String a = randomText(random, 1 + random.nextInt(20));
            String b = random.nextBoolean() ? mutate(random, a) : randomText(random, 1 + random.nextInt(20));
            assertThat(JaroWinkler.jaro(a, b)).as(a + " / " + b).isEqualTo(JaroWinkler.jaroByArrays(a, b));
        }
    }

    static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(6)));
        }
        return text.toString();
    }

    static String mutate(Random random, String text) {
        char[] chars = text.toCharArray();
        if (chars.length > 1) {
            int i = random.nextInt(chars.length - 1);
            char swap = chars[i];
            chars[i] = chars[i + 1];
            chars[i + 1] = swap;
        }
        return new String(chars);
    }
}
