package org.ecarehub.record;

/** A record item could not be stored as asked: the message names the field or the rule; nothing was stored. */
public class RecordRefused extends IllegalArgumentException {

    public RecordRefused(String message) {
        super(message);
    }
}
