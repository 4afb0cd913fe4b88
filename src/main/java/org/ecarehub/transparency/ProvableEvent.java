package org.ecarehub.transparency;

import java.util.Objects;
import org.ecarehub.shared.PersonId;

/**
 * A stored event about a person with what anyone needs to check it against the log: its canonical JSON as the leaf
 * commits to it, its salt and, once sequenced, its leaf. Private: only the access module reads it, for those it decides
 * may see the person's history.
 *
 * @param event the canonical JSON the leaf commits to (with the person's chain); before sequencing, as appended
 * @param leaf the event's leaf, or null while the event waits for the sequencer
 */
public record ProvableEvent(
        long id, long timestampMillis, EventType type, PersonId person, byte[] salt, String event, Leaf leaf) {

    public ProvableEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(event, "event");
    }

    /**
     * The event's place in the log and in the person's chain.
     *
     * @param sequence the person's sequence number of the event, from 1
     * @param previousLeaf the leaf index of the person's previous event, or -1 for their first
     */
    public record Leaf(long index, byte[] leafInput, long sequence, long previousLeaf) {}
}
