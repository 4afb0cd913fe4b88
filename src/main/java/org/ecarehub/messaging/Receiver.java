package org.ecarehub.messaging;

import java.util.Objects;
import java.util.regex.Pattern;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.LogRedactor;
import org.ecarehub.shared.TeamId;

/** Who a notification goes to: an agency (optionally one of its teams), or a person or staff member by email. */
public sealed interface Receiver {

    /**
     * An agency: its system by rest-hook when the partnership file gives it a subscription, else its in-hub inbox.
     *
     * @param team the team the notification is for, or null for the agency as a whole
     */
    record Agency(AgencyId agency, TeamId team) implements Receiver {
        public Agency {
            Objects.requireNonNull(agency, "agency");
        }
    }

    /** An email address; the email says only that there is something to see in the hub. */
    record Email(String address) implements Receiver {

        // Deliberately loose: the SMTP server is the judge; this only keeps out what cannot be an address at all.
        private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]{1,64}@[^@\\s<>,;\"]{1,255}");

        public Email {
            Objects.requireNonNull(address, "address");
            if (!ADDRESS.matcher(address).matches()) {
                throw new MessagingRefused("not an email address");
            }
        }

        @Override
        public String toString() {
            return "Email[" + LogRedactor.MASK + "]";
        }
    }

    static Receiver agency(AgencyId agency) {
        return new Agency(agency, null);
    }

    static Receiver team(AgencyId agency, TeamId team) {
        return new Agency(agency, Objects.requireNonNull(team, "team"));
    }

    static Receiver email(String address) {
        return new Email(address);
    }
}
