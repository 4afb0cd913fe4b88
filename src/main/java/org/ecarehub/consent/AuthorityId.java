package org.ecarehub.consent;

/** The hub's number for one recorded authority or nomination of a representative. */
public record AuthorityId(long value) {

    @Override
    public String toString() {
        return "authority-" + value;
    }
}
