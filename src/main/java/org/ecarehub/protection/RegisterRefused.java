package org.ecarehub.protection;

/**
 * A change to the protection register could not be made as asked: bad input, a person not in the index, a lead
 * social worker outside the team, a child registered already, a registration that has ended. Nothing was stored.
 */
public class RegisterRefused extends IllegalArgumentException {

    public RegisterRefused(String message) {
        super(message);
    }
}
