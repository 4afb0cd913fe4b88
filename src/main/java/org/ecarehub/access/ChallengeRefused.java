package org.ecarehub.access;

/**
 * A challenge was refused: bad input, an account not bound to a person, something the requester may not see (which
 * reads exactly as something that does not exist), or a guardian's answer out of turn. Nothing was stored.
 */
public class ChallengeRefused extends IllegalArgumentException {

    public ChallengeRefused(String message) {
        super(message);
    }
}
