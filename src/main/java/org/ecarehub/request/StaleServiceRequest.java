package org.ecarehub.request;

/** The request changed since the caller saw it: the version they named is not its version now. Nothing was stored. */
public class StaleServiceRequest extends ServiceRequestRefused {

    public StaleServiceRequest(ServiceRequestId id, int expected, int actual) {
        super(id.reference() + " has changed since version " + expected + " (it is at version " + actual
                + "); look at it again before changing it");
    }
}
