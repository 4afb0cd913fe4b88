package org.ecarehub.record;

/**
 * A write named a person who is not in the person index. Its message is the one an adapter also gives for a person the
 * writer may not see, so that an interface for other agencies' systems can answer both alike and a write is no test of
 * whether a person exists. Nothing was stored.
 */
public class PersonUnseen extends RecordRefused {

    public PersonUnseen() {
        super("there is no person in the person index whose record you may add to");
    }
}
