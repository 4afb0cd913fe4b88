package org.ecarehub.identity;

import java.util.Objects;

/**
 * A new portal account and its second factor, shown once: the hub keeps the secret to check codes but never shows it
 * again.
 *
 * @param totpSecret the base32 secret to type into an authenticator app
 * @param otpauthUri the same secret as an {@code otpauth://} link
 */
public record PortalRegistration(PortalAccount account, String totpSecret, String otpauthUri) {

    public PortalRegistration {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(totpSecret, "secret");
        Objects.requireNonNull(otpauthUri, "uri");
    }

    @Override
    public String toString() {
        return "PortalRegistration[" + account + "]";
    }
}
