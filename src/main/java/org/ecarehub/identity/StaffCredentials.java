package org.ecarehub.identity;

import org.ecarehub.shared.Username;

/** Passwords for staff sign-in to pages. */
public interface StaffCredentials {

    /** Sets the password; a demo credential is accepted only while the hub runs in demo mode. */
    void setPassword(Username username, String password, boolean demo);

    /**
     * Sets one password for several accounts, hashed once: for the demo's accounts, whose shared password is public,
     * so that a salt of their own would protect nothing and the demo starts without a slow hash per account.
     */
    void setSharedPassword(java.util.Collection<Username> usernames, String password, boolean demo);

    boolean hasPassword(Username username);
}
