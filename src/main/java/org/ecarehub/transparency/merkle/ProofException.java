package org.ecarehub.transparency.merkle;

/** A proof that does not prove what it claims; the message names the check that failed and carries no data. */
public final class ProofException extends RuntimeException {

    public ProofException(String message) {
        super(message);
    }
}
