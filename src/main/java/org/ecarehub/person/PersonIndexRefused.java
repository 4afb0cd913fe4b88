package org.ecarehub.person;

/**
 * A change the index will not make, and why, in words that name no person: a record or person that does not exist,
 * or a change that would go against what a person decided.
 */
public class PersonIndexRefused extends RuntimeException {

    public PersonIndexRefused(String message) {
        super(message);
    }
}
