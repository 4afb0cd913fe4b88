package org.ecarehub.access;

/** The hub's number for one relationship between a person and a member of staff or a team. */
public record RelationshipId(long value) {

    /** How the transparency log and other modules name it: {@code relationship-12}. */
    public String reference() {
        return "relationship-" + value;
    }

    @Override
    public String toString() {
        return reference();
    }
}
