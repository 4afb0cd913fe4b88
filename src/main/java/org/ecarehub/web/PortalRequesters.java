package org.ecarehub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.ecarehub.access.Requester;

/**
 * Who is signed in to the portal on a request, as the access decision sees them. Portal sign-in provides the one
 * implementation; until it does, the portal's APIs answer every request as not signed in.
 */
public interface PortalRequesters {

    /**
     * The portal account signed in on this request, bound or not ({@link Requester.Portal#boundTo()} null while
     * unbound); empty when nobody is signed in to the portal.
     */
    Optional<Requester.Portal> of(HttpServletRequest request);
}
