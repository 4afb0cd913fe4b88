package org.ecarehub.protection;

/** A protection message, or a step on one, that cannot be taken as asked; nothing was stored. */
public class ProtectionMessageRefused extends IllegalArgumentException {

    public ProtectionMessageRefused(String message) {
        super(message);
    }
}
