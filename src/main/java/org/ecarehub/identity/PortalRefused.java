package org.ecarehub.identity;

/** A portal registration, verification request or binding was refused; nothing was stored. */
public class PortalRefused extends IllegalArgumentException {

    public PortalRefused(String message) {
        super(message);
    }
}
