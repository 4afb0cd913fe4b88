package org.ecarehub.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.shared.Username;

/**
 * A user's request to open break-glass for one person (POLICY.md "Break-glass"): a reason of at least 20 characters,
 * a purpose the user's roles allow, and a duration of at most 24 hours (4 by default). {@link #problems} lists what is
 * wrong with it, in words for the user; a request with problems opens nothing.
 *
 * @param duration null for the default
 */
public record BreakGlassRequest(Username user, String reason, Purpose purpose, Duration duration) {

    public static final int MIN_REASON = 20;
    public static final Duration DEFAULT_DURATION = Duration.ofHours(4);
    public static final Duration MAX_DURATION = Duration.ofHours(24);

    public BreakGlassRequest {
        Objects.requireNonNull(user, "user");
        duration = duration == null ? DEFAULT_DURATION : duration;
    }

    /** Everything wrong with the request for this partnership's account; empty when it may open a grant. */
    public List<String> problems(Partnership partnership) {
        List<String> problems = new ArrayList<>();
        StaffAccount account = partnership.staff(user).orElse(null);
        if (account == null || !partnership.isActiveMember(account)) {
            problems.add("the account is not active in the partnership");
        }
        if (reason == null || reason.strip().length() < MIN_REASON) {
            problems.add("give a reason of at least " + MIN_REASON + " characters");
        }
        if (purpose == null) {
            problems.add("choose a purpose");
        } else if (account != null && !partnership.mayUse(account, purpose)) {
            problems.add("your roles may not use the purpose " + purpose.code());
        }
        if (duration.isZero() || duration.isNegative()) {
            problems.add("a break-glass grant needs a duration");
        } else if (duration.compareTo(MAX_DURATION) > 0) {
            problems.add("a break-glass grant lasts at most 24 hours");
        }
        return problems;
    }
}
