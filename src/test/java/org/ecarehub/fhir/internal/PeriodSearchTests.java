package org.ecarehub.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;

class PeriodSearchTests {

    /** Raised on 10 March 2024 at noon, ended on 20 April 2024. */
    static final Period ENDED = period("2024-03-10T12:00:00Z", "2024-04-20T09:30:00Z");

    /** Raised on 10 March 2024 at noon, still going on. */
    static final Period ONGOING = period("2024-03-10T12:00:00Z", null);

    static Period period(String start, String end) {
        Period period = new Period().setStart(Date.from(Instant.parse(start)));
        return end == null ? period : period.setEnd(Date.from(Instant.parse(end)));
    }

    static boolean matches(Period period, String... values) {
        DateAndListParam date = new DateAndListParam();
        for (String value : values) {
            date.addAnd(new DateParam(value));
        }
        PeriodSearch.check(date);
        return PeriodSearch.matches(period, date);
    }

    @Test
    void equalsMeansThePeriodLiesWithinTheValueAtItsPrecision() {
        assertThat(matches(ENDED, "2024")).isTrue();
        assertThat(matches(ENDED, "eq2024")).isTrue();
        assertThat(matches(ENDED, "2024-03")).isFalse();
        assertThat(matches(ENDED, "2023")).isFalse();
        assertThat(matches(ONGOING, "2024"))
                .as("an ongoing period outlasts any value")
                .isFalse();
        assertThat(matches(period("2024-03-10T12:00:00Z", "2024-03-10T15:00:00Z"), "2024-03-10"))
                .isTrue();
        assertThat(matches(period("2024-03-10T12:00:00Z", "2024-03-10T12:00:30Z"), "2024-03-10T12:00Z"))
                .as("to the minute")
                .isTrue();
        assertThat(matches(period("2024-03-10T12:00:00Z", "2024-03-10T12:01:30Z"), "2024-03-10T12:00Z"))
                .isFalse();
    }

    @Test
    void greaterThanMeansSomeOfThePeriodAfterTheValue() {
        assertThat(matches(ENDED, "gt2024-04-19")).isTrue();
        assertThat(matches(ENDED, "gt2024-04-20")).isFalse();
        assertThat(matches(ENDED, "gt2024-04")).isFalse();
        assertThat(matches(ENDED, "gt2024-03")).isTrue();
        assertThat(matches(ONGOING, "gt2099")).as("an ongoing period goes on").isTrue();
    }

    @Test
    void lessThanMeansSomeOfThePeriodBeforeTheValue() {
        assertThat(matches(ENDED, "lt2024-03-11")).isTrue();
        assertThat(matches(ENDED, "lt2024-03-10"))
                .as("nothing of it before the day it was raised")
                .isFalse();
        assertThat(matches(ENDED, "lt2024-03-10T12:00:00Z")).isFalse();
        assertThat(matches(ENDED, "lt2024-03-10T12:00:01Z")).isTrue();
        assertThat(matches(ENDED, "lt2024-03")).isFalse();
        assertThat(matches(ONGOING, "lt2024")).isFalse();
    }

    @Test
    void greaterOrEqualAndLessOrEqualAlsoTakeAPeriodReachingIntoTheValue() {
        assertThat(matches(ENDED, "ge2024")).isTrue();
        assertThat(matches(ENDED, "ge2024-04-20")).as("ended that morning").isTrue();
        assertThat(matches(ENDED, "ge2024-04-21")).isFalse();
        assertThat(matches(ONGOING, "ge2099")).isTrue();
        assertThat(matches(ENDED, "le2024")).isTrue();
        assertThat(matches(ENDED, "le2024-03-10")).as("raised at noon that day").isTrue();
        assertThat(matches(ENDED, "le2024-03-09")).isFalse();
    }

    @Test
    void everyConditionOfARangeHolds() {
        assertThat(matches(ENDED, "ge2024-04-01", "lt2024-05-01")).isTrue();
        assertThat(matches(ENDED, "ge2024-05-01", "lt2024-06-01")).isFalse();
        assertThat(matches(ONGOING, "ge2025-01-01", "lt2025-02-01"))
                .as("still going on in 2025")
                .isTrue();
    }

    @Test
    void refusesThePrefixesItDoesNotServe() {
        for (String value : new String[] {"ne2024", "sa2024", "eb2024", "ap2024"}) {
            assertThatThrownBy(() -> matches(ENDED, value))
                    .as(value)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("prefixes eq, gt, ge, lt and le");
        }
    }
}
