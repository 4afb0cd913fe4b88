package org.ecarehub.request;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** What is asked for: homecare, or aids and adaptations from the catalogue. */
public sealed interface ServiceRequestDetails {

    /** The kind's code: {@code homecare} or {@code aids-and-adaptations}. */
    String kind();

    /**
     * Homecare: how many hours a week, how many visits a day, which tasks, from which day.
     *
     * @param hoursPerWeek more than 0 and at most 168, to the quarter hour
     */
    record Homecare(BigDecimal hoursPerWeek, int visitsPerDay, List<HomecareTask> tasks, LocalDate startDay)
            implements ServiceRequestDetails {

        /** Four visits a day is the usual most; eight leaves room for two carers' double-up visits. */
        public static final int MAX_VISITS_PER_DAY = 8;

        private static final BigDecimal HOURS_IN_A_WEEK = BigDecimal.valueOf(168);
        private static final BigDecimal QUARTER = new BigDecimal("0.25");

        public Homecare {
            require(hoursPerWeek != null, "a homecare request needs its hours a week");
            require(
                    hoursPerWeek.signum() > 0 && hoursPerWeek.compareTo(HOURS_IN_A_WEEK) <= 0,
                    "a homecare request's hours a week must be more than 0 and at most 168, not "
                            + hoursPerWeek.toPlainString());
            require(
                    hoursPerWeek.remainder(QUARTER).signum() == 0,
                    "a homecare request's hours a week are counted in quarter hours, not "
                            + hoursPerWeek.toPlainString());
            require(
                    visitsPerDay >= 1 && visitsPerDay <= MAX_VISITS_PER_DAY,
                    "a homecare request needs from 1 to " + MAX_VISITS_PER_DAY + " visits a day, not " + visitsPerDay);
            // Stored to the hundredth of an hour; the same scale here makes a request read back equal to the one sent.
            hoursPerWeek = hoursPerWeek.setScale(2);
            tasks = distinct(tasks, "a homecare request needs at least one task", "task");
            require(startDay != null, "a homecare request needs the day it should start");
        }

        @Override
        public String kind() {
            return "homecare";
        }
    }

    /**
     * Aids and adaptations from the catalogue, with the occupational therapy assessment behind them.
     *
     * @param assessment the record item of the assessment, by its id (such as {@code record-item-12}): a reference,
     *     never a description
     */
    record AidsAndAdaptations(List<Equipment> equipment, String assessment) implements ServiceRequestDetails {

        private static final Pattern REFERENCE = Pattern.compile("[a-z0-9][a-z0-9._:/-]{0,99}");

        public AidsAndAdaptations {
            equipment = distinct(equipment, "a request for aids and adaptations needs at least one item", "item");
            require(
                    assessment != null && REFERENCE.matcher(assessment).matches(),
                    "a request for aids and adaptations names the occupational therapy assessment behind it by its"
                            + " record item id, such as record-item-12");
        }

        @Override
        public String kind() {
            return "aids-and-adaptations";
        }
    }

    private static <T> List<T> distinct(List<T> values, String whenEmpty, String what) {
        require(values != null && !values.isEmpty(), whenEmpty);
        require(values.stream().allMatch(java.util.Objects::nonNull), whenEmpty + "; an empty " + what + " is none");
        require(new LinkedHashSet<>(values).size() == values.size(), "each " + what + " is asked for once");
        return List.copyOf(values);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ServiceRequestRefused(message);
        }
    }
}
