package org.ecarehub.partnership;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** A vocabulary whose values are written in the partnership file, tokens and logs by a stable lower-case code. */
interface Coded {

    String code();

    static <E extends Enum<E> & Coded> Optional<E> find(E[] values, String code) {
        for (E value : values) {
            if (value.code().equals(code)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** An unmodifiable copy that iterates in declaration order, so that files, pages and docs list values alike. */
    static <E extends Enum<E>> Set<E> setOf(Class<E> type, Collection<E> values) {
        EnumSet<E> copy = EnumSet.noneOf(type);
        copy.addAll(values);
        return Collections.unmodifiableSet(copy);
    }
}
