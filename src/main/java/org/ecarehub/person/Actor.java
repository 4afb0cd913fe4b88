package org.ecarehub.person;

import java.util.List;
import java.util.Objects;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;

/**
 * Who changes the person index: a member of staff, an agency's system, or the hub itself (the demo's seeding), as the
 * caller's module identified them under a partnership configuration version. The index records it with every change
 * and writes it into the transparency log.
 *
 * @param kind {@code staff}, {@code system} or {@code hub}
 * @param account the staff username, the agency system's client id, or what the hub was doing
 * @param agency the agency acted for, or null for the hub
 * @param configurationVersion the partnership configuration version the caller was identified under, 0 if none
 */
public record Actor(String kind, String account, AgencyId agency, List<String> roles, int configurationVersion) {

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(account, "account");
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public static Actor staff(Username username, AgencyId agency, List<String> roles, int configurationVersion) {
        return new Actor("staff", username.value(), agency, roles, configurationVersion);
    }

    /** An agency's own system acting on its own, as a token for {@code agency-system:AGENCY} names it. */
    public static Actor agencySystem(AgencyId agency, int configurationVersion) {
        return new Actor("system", "agency-system:" + agency.value(), agency, List.of(), configurationVersion);
    }

    public static Actor hub(String doing) {
        return new Actor("hub", doing, null, List.of(), 0);
    }

    /** How the index stores who did something: {@code staff:sw.hamilton}, {@code system:agency-system:...}. */
    public String reference() {
        return kind + ":" + account;
    }
}
