package org.ecarehub.partnership;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.TeamId;

/**
 * A team of one agency; referrals, requests and protection messages can be routed to it.
 *
 * @param phone the team's duty telephone number, or null when the partnership file gives none
 * @param mailbox the team's shared email address, or null when the partnership file gives none
 */
public record Team(TeamId id, String name, AgencyId agency, String phone, String mailbox) {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,28}[0-9]");

    private static final Pattern MAILBOX = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    public Team {
        Objects.requireNonNull(id, "id");
        Texts.requireText(name, "name of team " + id);
        Objects.requireNonNull(agency, "agency");
        if (phone != null) {
            checkPhone(phone);
        }
        if (mailbox != null) {
            checkMailbox(mailbox);
        }
    }

    /** A team the partnership file gives no way to reach but through its members. */
    public Team(TeamId id, String name, AgencyId agency) {
        this(id, name, agency, null, null);
    }

    /** How to reach the team, as practitioners read it: the telephone number and the mailbox it has. */
    public Optional<String> contact() {
        if (phone == null && mailbox == null) {
            return Optional.empty();
        }
        if (phone == null || mailbox == null) {
            return Optional.of(phone == null ? mailbox : phone);
        }
        return Optional.of(phone + ", " + mailbox);
    }

    static void checkPhone(String phone) {
        if (!PHONE.matcher(phone).matches()) {
            throw new IllegalArgumentException(
                    "a team's phone must be 7 to 30 digits, spaces, brackets or dashes, optionally after a +");
        }
    }

    static void checkMailbox(String mailbox) {
        if (mailbox.length() > 254 || !MAILBOX.matcher(mailbox).matches()) {
            throw new IllegalArgumentException("a team's mailbox must be an email address such as team@example.org");
        }
    }
}
