package org.ecarehub.web;

import java.util.List;
import org.ecarehub.access.Requester;
import org.ecarehub.identity.StaffCaller;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The signed-in practitioner and the purpose they work under now; public only so that the pages' templates can read
 * it.
 *
 * @param purpose null when their roles allow no purpose at all
 * @param justification their words for a protection purpose, or null
 */
public record Practitioner(
        StaffCaller caller, List<Purpose> allowed, Purpose purpose, String justification, int version) {

    /** The requester the access decision sees: forbidden when the user has no purpose at all. */
    public Requester.Staff requester() {
        if (purpose == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return new Requester.Staff(caller.account().username(), purpose, justification);
    }

    public Actor actor() {
        return Actor.staff(
                caller.account().username(),
                caller.agency().id(),
                caller.account().roles().stream().map(role -> role.value()).toList(),
                version);
    }

    @Override
    public String toString() {
        return "Practitioner[" + caller.account().username() + ", " + purpose + "]";
    }
}
