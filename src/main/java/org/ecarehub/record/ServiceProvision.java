package org.ecarehub.record;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.ecarehub.shared.AgencyId;

/**
 * A service a person receives, category {@code service-provision}: what, from which provider, from when until when,
 * how often and for how many hours a week.
 *
 * @param end the last day of the service, or null while it goes on
 * @param visitsADay visits a day, for a service delivered in visits; else null
 * @param frequency how often otherwise, in words ({@code weekly}, {@code two nights a month}); null when visits say it
 */
public record ServiceProvision(
        String service,
        AgencyId provider,
        LocalDate start,
        LocalDate end,
        Integer visitsADay,
        String frequency,
        BigDecimal hoursAWeek)
        implements RecordContent {

    private static final BigDecimal HOURS_IN_A_WEEK = BigDecimal.valueOf(168);

    public ServiceProvision {
        service = Checks.required(service, "the service", Checks.SHORT_TEXT);
        Checks.present(provider, "the provider agency");
        Checks.present(start, "the service's start date");
        if (end != null && end.isBefore(start)) {
            throw new RecordRefused("the service's end date is before its start date");
        }
        if (visitsADay != null && (visitsADay < 1 || visitsADay > 24)) {
            throw new RecordRefused("visits a day must be from 1 to 24");
        }
        frequency = Checks.optional(frequency, "the service's frequency", Checks.SHORT_TEXT);
        if (visitsADay == null && frequency == null) {
            throw new RecordRefused("the service needs visits a day or a frequency");
        }
        Checks.present(hoursAWeek, "hours a week");
        if (hoursAWeek.signum() < 0 || hoursAWeek.compareTo(HOURS_IN_A_WEEK) > 0) {
            throw new RecordRefused("hours a week must be from 0 to 168");
        }
    }

    @Override
    public RecordKind kind() {
        return RecordKind.SERVICE_PROVISION;
    }
}
