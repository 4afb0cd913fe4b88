package org.ecarehub.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A challenge's target days: acknowledged within five working days, answered within one month (decision 0037). */
class ChallengeTargetDaysTests {

    @Test
    void countsFiveWorkingDaysPastTheWeekend() {
        // Thursday 26 November 2026: Friday, Monday, Tuesday, Wednesday, Thursday.
        assertThat(StoredChallenges.acknowledgeBy(LocalDate.of(2026, 11, 26))).isEqualTo(LocalDate.of(2026, 12, 3));
        // Saturday: the weekend does not count, so Monday to Friday of the next week.
        assertThat(StoredChallenges.acknowledgeBy(LocalDate.of(2026, 11, 28))).isEqualTo(LocalDate.of(2026, 12, 4));
    }

    @Test
    void givesOneCalendarMonthToAnswerEndingOnTheMonthsLastDayWhenShorter() {
        assertThat(StoredChallenges.answerBy(LocalDate.of(2026, 11, 26))).isEqualTo(LocalDate.of(2026, 12, 26));
        assertThat(StoredChallenges.answerBy(LocalDate.of(2027, 1, 31))).isEqualTo(LocalDate.of(2027, 2, 28));
    }
}
