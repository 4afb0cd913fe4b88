package org.ecarehub.record;

import org.ecarehub.shared.PersonId;

/**
 * A record item was added, corrected, signed, superseded or ended; published inside the change's transaction. It
 * names things by id only: a listener that needs the content reads it through {@link Records}, and the decision.
 */
public record RecordItemChanged(
        RecordItemId item, PersonId person, RecordKind kind, int version, ItemStatus status, Change change) {

    public enum Change {
        ADDED,
        CORRECTED,
        SIGNED,
        SUPERSEDED,
        ENDED
    }
}
