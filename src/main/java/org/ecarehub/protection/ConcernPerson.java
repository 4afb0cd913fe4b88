package org.ecarehub.protection;

import org.ecarehub.access.Sensitivity;
import org.ecarehub.shared.PersonId;

/**
 * A person named in a protection message, with their role, and how sensitive their place in it is: {@code sealed}
 * for a linked adult whose whereabouts must stay with the sending agency (a refuge), so that no other agency sees them.
 */
public record ConcernPerson(PersonId person, ConcernRole role, Sensitivity sensitivity) {

    public ConcernPerson {
        if (person == null) {
            throw new ProtectionMessageRefused("each person named in a protection message needs their id");
        }
        if (role == null) {
            throw new ProtectionMessageRefused("each person named in a protection message needs a role");
        }
        sensitivity = sensitivity == null ? Sensitivity.NORMAL : sensitivity;
    }

    public static ConcernPerson of(PersonId person, ConcernRole role) {
        return new ConcernPerson(person, role, Sensitivity.NORMAL);
    }
}
