package org.ecarehub.partnership;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ecarehub.shared.RoleId;

/**
 * A role staff accounts hold: which purposes of use it allows (role x purpose), which actions on which categories
 * (role x category), and whether its holders may open their own agency's sealed items.
 *
 * <p>A role can never be built with a purpose whose duty it lacks (POLICY.md rule 2), so no configuration can hand
 * {@code emergency} to a role outside unscheduled care.
 */
public record Role(
        RoleId id,
        String name,
        Set<Duty> duties,
        Set<Purpose> purposes,
        Map<Category, Set<Action>> permissions,
        boolean sealedAccess) {

    public Role {
        Objects.requireNonNull(id, "id");
        Texts.requireText(name, "name of role " + id);
        duties = Coded.setOf(Duty.class, duties);
        purposes = Coded.setOf(Purpose.class, purposes);
        EnumMap<Category, Set<Action>> copy = new EnumMap<>(Category.class);
        permissions.forEach((category, actions) -> copy.put(category, Coded.setOf(Action.class, actions)));
        permissions = Collections.unmodifiableMap(copy);
        for (Purpose purpose : purposes) {
            Duty needed = purpose.requiredDuty().orElse(null);
            if (needed != null && !duties.contains(needed)) {
                throw new IllegalArgumentException(purposeWithoutDuty("role '" + id + "'", purpose, needed));
            }
        }
    }

    public boolean hasDuty(Duty duty) {
        return duties.contains(duty);
    }

    public boolean mayUse(Purpose purpose) {
        return purposes.contains(purpose);
    }

    public boolean permits(Action action, Category category) {
        return permissions.getOrDefault(category, Set.of()).contains(action);
    }

    static String purposeWithoutDuty(String role, Purpose purpose, Duty duty) {
        return role + " allows purpose '" + purpose.code() + "', which needs the '" + duty.code() + "' duty";
    }
}
