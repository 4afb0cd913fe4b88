package org.ecarehub.partnership;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The partnership's target for meeting a service request of each priority, in calendar days from its submission.
 * Every priority has one, from 1 to {@value #MAX_DAYS} days, and a more urgent priority never has a longer target.
 */
public record ServiceRequestTargets(Map<RequestPriority, Integer> days) {

    /** A target past a year is no target: a request that old needs a new assessment, not a reminder. */
    public static final int MAX_DAYS = 365;

    /** The targets of a partnership file that sets none: urgent 2, high 7 and standard 28 days. */
    public static final ServiceRequestTargets DEFAULT = new ServiceRequestTargets(
            Map.of(RequestPriority.URGENT, 2, RequestPriority.HIGH, 7, RequestPriority.STANDARD, 28));

    public ServiceRequestTargets {
        Objects.requireNonNull(days, "days");
        EnumMap<RequestPriority, Integer> copy = new EnumMap<>(RequestPriority.class);
        copy.putAll(days);
        for (RequestPriority priority : RequestPriority.values()) {
            Integer target = copy.get(priority);
            if (target == null) {
                throw new IllegalArgumentException("no service request target for priority '" + priority.code() + "'");
            }
            if (target < 1 || target > MAX_DAYS) {
                throw new IllegalArgumentException(outOfRange(priority, target));
            }
        }
        RequestPriority[] order = RequestPriority.values();
        for (int i = 1; i < order.length; i++) {
            if (copy.get(order[i - 1]) > copy.get(order[i])) {
                throw new IllegalArgumentException(outOfOrder(order[i - 1], order[i]));
            }
        }
        days = java.util.Collections.unmodifiableMap(copy);
    }

    public int daysFor(RequestPriority priority) {
        return days.get(priority);
    }

    static String outOfRange(RequestPriority priority, int target) {
        return "the target for " + priority.code() + " service requests is " + target + " days; it must be from 1 to "
                + MAX_DAYS + " days";
    }

    static String outOfOrder(RequestPriority moreUrgent, RequestPriority lessUrgent) {
        return "the target for " + moreUrgent.code() + " service requests must not be longer than the target for "
                + lessUrgent.code() + " ones";
    }
}
