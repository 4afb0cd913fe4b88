package org.ecarehub.partnership;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ecarehub.shared.AgencyId;

/**
 * A partner agency; it owns the record items it contributes. An inactive agency's staff are refused everything.
 *
 * @param systems the agency's own systems registered for client credentials; none for most agencies
 * @param subscription where the agency's system receives the hub's notifications, or null: the agency then reads them
 *     in its inbox in the hub
 */
public record Agency(
        AgencyId id,
        String name,
        AgencyType type,
        boolean active,
        List<AgencySystem> systems,
        AgencySubscription subscription) {

    public Agency {
        Objects.requireNonNull(id, "id");
        Texts.requireText(name, "name of agency " + id);
        Objects.requireNonNull(type, "type");
        systems = systems == null ? List.of() : List.copyOf(systems);
    }

    public Agency(AgencyId id, String name, AgencyType type, boolean active, List<AgencySystem> systems) {
        this(id, name, type, active, systems, null);
    }

    /** An agency without registered systems, as every agency was before client credentials. */
    public Agency(AgencyId id, String name, AgencyType type, boolean active) {
        this(id, name, type, active, List.of());
    }

    public Optional<AgencySubscription> subscriptionIfAny() {
        return Optional.ofNullable(subscription);
    }

    public Optional<AgencySystem> system(String clientId) {
        return systems.stream()
                .filter(system -> system.clientId().equals(clientId))
                .findFirst();
    }
}
