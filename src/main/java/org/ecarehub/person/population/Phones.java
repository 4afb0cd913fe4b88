package org.ecarehub.person.population;

import java.util.SplittableRandom;

/**
 * Invented telephone numbers in the shape Scottish numbers are written: a house phone in the town's area code
 * ("01698 234567", "0141 234 5678") or a mobile ("07712 345678"). They are drawn at random, so one may be someone's
 * real number: they are for screens and benchmarks, never for dialling.
 */
final class Phones {

    private Phones() {}

    static String landline(Town town, SplittableRandom random) {
        boolean glasgow = town.phoneArea().length() == 4;
        StringBuilder number = new StringBuilder(13).append(town.phoneArea()).append(' ');
        number.append((char) ('2' + random.nextInt(8)));
        for (int i = 1; i < (glasgow ? 7 : 6); i++) {
            if (glasgow && i == 3) {
                number.append(' ');
            }
            number.append((char) ('0' + random.nextInt(10)));
        }
        return number.toString();
    }

    static String mobile(SplittableRandom random) {
        StringBuilder number = new StringBuilder(12).append("07").append((char) ('7' + random.nextInt(3)));
        for (int i = 0; i < 8; i++) {
            if (i == 2) {
                number.append(' ');
            }
            number.append((char) ('0' + random.nextInt(10)));
        }
        return number.toString();
    }
}
