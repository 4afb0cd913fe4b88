package org.ecarehub.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.ecarehub.person.ChiNumber.Validity;
import org.junit.jupiter.api.Test;

/** Synthetic CHI numbers, with check digits worked out by hand from the modulus-11 rule. */
class ChiNumberTests {

    @Test
    void acceptsANumberWithARealDateAndTheRightCheckDigit() {
        ChiNumber chi = ChiNumber.of("140341 1239");

        assertThat(chi.validity()).isEqualTo(Validity.VALID);
        assertThat(chi.text()).isEqualTo("1403411239");
        assertThat(chi.possibleBirthDates()).containsExactly(LocalDate.of(2041, 3, 14), LocalDate.of(1941, 3, 14));
        assertThat(chi.sex()).hasValue("M");
    }

    @Test
    void readsTheSexFromTheNinthDigit() {
        assertThat(ChiNumber.of("2207684571").sex()).hasValue("M");
        assertThat(ChiNumber.of("3009960123").sex()).hasValue("F");
        assertThat(ChiNumber.of("1403411239").sex()).hasValue("M");
    }

    @Test
    void takesACheckDigitOfZeroWhenTheRemainderIsZero() {
        assertThat(ChiNumber.of("1505501040").validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void refusesEveryCheckDigitWhereTheRuleGivesTen() {
        for (int digit = 0; digit <= 9; digit++) {
            assertThat(ChiNumber.of("150550113" + digit).validity()).isEqualTo(Validity.BAD_CHECK_DIGIT);
        }
    }

    @Test
    void keepsAMistypedNumberWithTheReason() {
        ChiNumber transposed = ChiNumber.of("1403411293");

        assertThat(transposed.validity()).isEqualTo(Validity.BAD_CHECK_DIGIT);
        assertThat(transposed.valid()).isFalse();
        assertThat(transposed.text()).isEqualTo("1403411293");
    }

    @Test
    void flagsImpossibleDatesShortNumbersAndLetters() {
        assertThat(ChiNumber.of("3102411234").validity()).isEqualTo(Validity.IMPOSSIBLE_DATE);
        assertThat(ChiNumber.of("140341123").validity()).isEqualTo(Validity.WRONG_LENGTH);
        assertThat(ChiNumber.of("14034112A9").validity()).isEqualTo(Validity.NOT_DIGITS);
        assertThat(ChiNumber.of("").validity()).isEqualTo(Validity.WRONG_LENGTH);
    }

    @Test
    void acceptsTheTwentyNinthOfFebruaryOnlyInTheCenturyWhereItExists() {
        ChiNumber leapInTwoThousand = ChiNumber.of("2902001363");

        assertThat(leapInTwoThousand.validity()).isEqualTo(Validity.VALID);
        assertThat(leapInTwoThousand.possibleBirthDates()).containsExactly(LocalDate.of(2000, 2, 29));
    }

    @Test
    void masksTheNumberInTextBoundForLogs() {
        assertThat(ChiNumber.of("1403411239").toString())
                .doesNotContain("1403411239")
                .contains("VALID");
    }
}
