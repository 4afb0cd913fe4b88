package org.ecarehub.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates and times as GOV.UK pages write them, on Scottish time. */
final class Dates {

    static final ZoneId PARTNERSHIP_ZONE = ZoneId.of("Europe/London");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mma 'on' d MMMM yyyy", Locale.UK);

    private Dates() {}

    static String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    static String time(Instant instant) {
        return instant == null
                ? ""
                : TIME.format(instant.atZone(PARTNERSHIP_ZONE))
                        .replace("AM", "am")
                        .replace("PM", "pm");
    }
}
