package org.ecarehub.access;

import java.util.Collection;
import java.util.Optional;
import org.ecarehub.shared.PersonId;

/**
 * What the module that holds a person's record items tells {@link Challenges} about one of them, so that a correction
 * is asked only of an item that exists and that the requester may see. It decides nothing and logs nothing: the
 * decision is taken by the access module on what it returns.
 */
public interface ChallengeableItems {

    /**
     * The item with this reference, as the decision sees it, when it is an item of one of the person ids (a person and
     * those merged into them) that the portal could be shown at all; else empty.
     */
    Optional<AccessItem> item(Collection<PersonId> persons, String reference);
}
