package org.ecarehub.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogRedactorTests {

    @Test
    void masksAChiNumberWrittenTogetherOrInGroups() {
        assertThat(LogRedactor.redact("matched 1403415678 to 140 341 5678"))
                .isEqualTo("matched [redacted] to [redacted]")
                .doesNotContain("5678");
    }

    @Test
    void masksPostcodesInAnyCaseWithOrWithoutTheSpace() {
        assertThat(LogRedactor.redact("moved from ML3 9AA to g720ab")).isEqualTo("moved from [redacted] to [redacted]");
    }

    @Test
    void masksTelephoneNumbersAndEmailAddresses() {
        assertThat(LogRedactor.redact("call 01698 123456 or +44 7700 900123, mail d.thomson@example.org"))
                .doesNotContain("123456")
                .doesNotContain("900123")
                .doesNotContain("thomson@example.org");
    }

    @Test
    void leavesOrdinaryTextAndSmallNumbersAlone() {
        String line = "Partnership configuration version 12 in force after 350 ms";

        assertThat(LogRedactor.redact(line)).isEqualTo(line);
    }
}
