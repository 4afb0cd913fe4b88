package org.ecarehub.fhir.internal;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import java.util.Calendar;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Period;

/**
 * A {@code date} search on a Period (Flag's and CarePlan's), with FHIR R4's meaning of each prefix for a target that is
 * itself a range: the search value is the whole of its precision (a year, a month, a day, a minute, a second; a value
 * without a time zone is in the server's), and a period without an end goes on. {@code eq}: the period lies within the
 * value; {@code gt}: some of it after the value; {@code lt}: some of it before; {@code ge}: some of it in the value or
 * after; {@code le}: some of it in the value or before (as HAPI's JPA server reads the prefixes on a period). The
 * filter runs on what the decision already let through, so it narrows what the caller may see and reaches nothing
 * more.
 */
final class PeriodSearch {

    private static final Set<ParamPrefixEnum> PREFIXES = EnumSet.of(
            ParamPrefixEnum.EQUAL,
            ParamPrefixEnum.GREATERTHAN,
            ParamPrefixEnum.GREATERTHAN_OR_EQUALS,
            ParamPrefixEnum.LESSTHAN,
            ParamPrefixEnum.LESSTHAN_OR_EQUALS);

    private PeriodSearch() {}

    /** Refuses, before anything is read, a prefix other than eq, gt, ge, lt or le ({@code ne}, {@code sa}, ...). */
    static void check(DateAndListParam date) {
        if (date == null) {
            return;
        }
        for (DateOrListParam alternatives : date.getValuesAsQueryTokens()) {
            for (DateParam value : alternatives.getValuesAsQueryTokens()) {
                if (value.getPrefix() != null && !PREFIXES.contains(value.getPrefix())) {
                    throw Outcomes.invalid(
                            Outcomes.INVALID_SEARCH,
                            "date takes the prefixes eq, gt, ge, lt and le, not '"
                                    + value.getPrefix().getValue() + "'");
                }
                if (value.getValue() == null) {
                    throw Outcomes.invalid(Outcomes.INVALID_SEARCH, "date names a date or a time");
                }
            }
        }
    }

    /** Whether the period meets every condition of the search (and one of each list of alternatives). */
    static boolean matches(Period period, DateAndListParam date) {
        if (date == null) {
            return true;
        }
        for (DateOrListParam alternatives : date.getValuesAsQueryTokens()) {
            if (alternatives.getValuesAsQueryTokens().stream().noneMatch(value -> matches(period, value))) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(Period period, DateParam value) {
        Date start = period.getStart();
        Date end = period.getEnd();
        if (start == null) {
            return false;
        }
        Date low = value.getValue();
        // A date carries no zone and is the server's day (as HAPI read it); adding a unit of a time is zone-free.
        Calendar next = Calendar.getInstance();
        next.setTime(low);
        next.add(value.getPrecision().getCalendarConstant(), 1);
        Date highExclusive = next.getTime();
        ParamPrefixEnum prefix = value.getPrefix() == null ? ParamPrefixEnum.EQUAL : value.getPrefix();
        return switch (prefix) {
            case EQUAL -> !start.before(low) && end != null && end.before(highExclusive);
            case GREATERTHAN -> end == null || !end.before(highExclusive);
            case GREATERTHAN_OR_EQUALS -> end == null || !end.before(low);
            case LESSTHAN -> start.before(low);
            case LESSTHAN_OR_EQUALS -> start.before(highExclusive);
            default -> throw new IllegalArgumentException("date takes no prefix " + prefix.getValue());
        };
    }
}
