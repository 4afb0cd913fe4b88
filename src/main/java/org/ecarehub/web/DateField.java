package org.ecarehub.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/** A GOV.UK date input's three fields as typed. */
public record DateField(String day, String month, String year) {

    public DateField {
        day = Forms.trimmed(day);
        month = Forms.trimmed(month);
        year = Forms.trimmed(year);
    }

    static DateField of(LocalDate date) {
        return date == null
                ? new DateField(null, null, null)
                : new DateField(
                        String.valueOf(date.getDayOfMonth()),
                        String.valueOf(date.getMonthValue()),
                        String.valueOf(date.getYear()));
    }

    public boolean blank() {
        return day == null && month == null && year == null;
    }

    /** The date, when the three fields make a real one with a four-digit year. */
    public Optional<LocalDate> date() {
        try {
            if (year == null || !year.matches("\\d{4}") || day == null || month == null) {
                return Optional.empty();
            }
            return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
        } catch (NumberFormatException | DateTimeException notADate) {
            return Optional.empty();
        }
    }
}
