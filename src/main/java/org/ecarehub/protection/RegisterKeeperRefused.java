package org.ecarehub.protection;

/**
 * The requester does not keep the child protection register: not an active member of staff (or their agency's system
 * on their behalf), not working under the purpose the change needs, or not of a council social work agency (decision
 * 0028). Refused before any decision about a person, so nothing is stored and nothing is logged about anyone.
 */
public class RegisterKeeperRefused extends RegisterRefused {

    public RegisterKeeperRefused(String message) {
        super(message);
    }
}
