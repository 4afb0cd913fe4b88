package org.ecarehub.access;

import java.util.Optional;
import org.ecarehub.shared.PersonId;

/**
 * Explains who could see a person's record, and why, to the practitioner, the Caldicott guardian and the person. Asking
 * is itself a decision (the requester must be allowed the person's contacts: who is involved with them) and is logged.
 */
public interface Explanations {

    /**
     * The explanation for the person today; empty both when the person does not exist and when the requester may not
     * see who is involved with them.
     *
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the request; nothing is returned
     */
    Optional<Explanation> explain(Requester requester, PersonId person);
}
