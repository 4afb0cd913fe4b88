package org.ecarehub.request;

/**
 * A service request could not be submitted or moved as asked: bad input, a step its status does not allow, a step
 * taken by someone who may not take it, or a request the caller may not see. Nothing was stored.
 */
public class ServiceRequestRefused extends IllegalArgumentException {

    public ServiceRequestRefused(String message) {
        super(message);
    }
}
