package org.ecarehub.access;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A withholding in force on an item or an access event (POLICY.md W1), as the decision needs it: whether the person may
 * be told that something is withheld (W2), and when it is due for review. An overdue review leaves it in force (W5).
 *
 * @param exemption the exemption's code, e.g. {@code serious-harm}
 * @param notice the portal shows that something is withheld, under which exemption and until when (W2); false for
 *     those that neither confirm nor deny
 */
public record Withheld(String exemption, boolean notice, LocalDate reviewBy) {

    public Withheld {
        Objects.requireNonNull(exemption, "exemption");
        Objects.requireNonNull(reviewBy, "review date");
    }
}
