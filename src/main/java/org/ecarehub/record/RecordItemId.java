package org.ecarehub.record;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hub's number for one record item. Its {@link #reference()} is the item's id everywhere outside this module: in
 * access decisions and the transparency log, in withholdings, on the pages and in FHIR.
 */
public record RecordItemId(long value) {

    private static final String PREFIX = "record-item-";
    private static final Pattern REFERENCE = Pattern.compile("record-item-[1-9][0-9]{0,17}");

    public RecordItemId {
        if (value < 1) {
            throw new RecordRefused("a record item id is a positive number");
        }
    }

    /** {@code record-item-12}. */
    public String reference() {
        return PREFIX + value;
    }

    /** The id a reference names, when the text is one; any other text names no item. */
    public static Optional<RecordItemId> parse(String reference) {
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            return Optional.empty();
        }
        return Optional.of(new RecordItemId(Long.parseLong(reference.substring(PREFIX.length()))));
    }

    @Override
    public String toString() {
        return reference();
    }
}
