package org.ecarehub.protection;

/**
 * A step on a message by someone it was not routed to, or through a routing of another message: the web and FHIR
 * layers answer 403. The message says nothing about the message beyond its id, which the caller gave.
 */
public class ProtectionMessageForbidden extends RuntimeException {

    public ProtectionMessageForbidden(String message) {
        super(message);
    }
}
