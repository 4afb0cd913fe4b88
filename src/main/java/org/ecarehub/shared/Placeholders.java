package org.ecarehub.shared;

import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** The parameter marks of an SQL {@code in (...)} list, and its values. */
public final class Placeholders {

    private Placeholders() {}

    /** {@code ?, ?, ?} for three values. */
    public static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** The persons' ids as the statement's parameters, in order. */
    public static List<Object> ids(Collection<PersonId> persons) {
        return persons.stream().map(person -> (Object) person.value()).toList();
    }
}
