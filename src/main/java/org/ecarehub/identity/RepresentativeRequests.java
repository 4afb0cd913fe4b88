package org.ecarehub.identity;

import java.util.List;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * Requests from the portal to add a representative (issue 8, item 6), in the partnership's verification queue beside
 * the requests to bind accounts. A request grants nothing: staff check the document and record the authority on the
 * person's page, where it is verified as any other (POLICY.md P3). Each step is logged, by ids only, in its own
 * transaction.
 */
public interface RepresentativeRequests {

    /**
     * Puts a request in the queue, from a bound account for a person it may choose (the caller checks that choice).
     *
     * @throws PortalRefused when the account is not bound, or the kind, name or reference is missing or too long
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record it; nothing is stored
     */
    RepresentativeRequest request(Username account, PersonId person, String kind, String name, String reference);

    /** The account's requests about the person, the newest first. */
    List<RepresentativeRequest> of(Username account, PersonId person);

    /** The requests waiting for staff, oldest first. */
    List<RepresentativeRequest> waiting();

    /**
     * Marks a waiting request as dealt with, by staff who may verify portal accounts: the authority recorded on the
     * person's page, or the request refused.
     *
     * @throws PortalRefused when the request is not waiting or the actor may not verify
     */
    RepresentativeRequest decide(long id, RepresentativeRequest.Outcome outcome, Actor by);
}
