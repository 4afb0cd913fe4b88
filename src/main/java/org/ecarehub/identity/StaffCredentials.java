package org.ecarehub.identity;

import org.ecarehub.shared.Username;

/** Passwords for staff sign-in to pages. */
public interface StaffCredentials {

    /** Sets the password; a demo credential is accepted only while the hub runs in demo mode. */
    void setPassword(Username username, String password, boolean demo);

    boolean hasPassword(Username username);
}
