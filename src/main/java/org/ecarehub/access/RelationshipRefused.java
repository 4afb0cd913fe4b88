package org.ecarehub.access;

/** A relationship could not be started or ended as asked; nothing was stored. */
public class RelationshipRefused extends IllegalArgumentException {

    public RelationshipRefused(String message) {
        super(message);
    }
}
