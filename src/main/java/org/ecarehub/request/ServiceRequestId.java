package org.ecarehub.request;

/** The hub's number for one service request. */
public record ServiceRequestId(long value) {

    public ServiceRequestId {
        if (value < 1) {
            throw new ServiceRequestRefused("a service request's number is a positive whole number, not " + value);
        }
    }

    /** How the transparency log, the access decision and other modules name it: {@code service-request-12}. */
    public String reference() {
        return "service-request-" + value;
    }

    @Override
    public String toString() {
        return reference();
    }
}
