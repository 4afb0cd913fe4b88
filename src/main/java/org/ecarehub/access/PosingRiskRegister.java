package org.ecarehub.access;

import org.ecarehub.shared.PersonId;

/**
 * Who has been named as posing risk to whom (POLICY.md P3): implemented by the module that holds protection messages,
 * asked by the decision about every representative's access. The access module does not depend on that module, so
 * this is how it learns the fact; without an implementation nobody is named.
 */
public interface PosingRiskRegister {

    /** The representative is named as a person posing risk in a protection message that also names the subject. */
    boolean namedAsPosingRisk(PersonId representative, PersonId subject);
}
