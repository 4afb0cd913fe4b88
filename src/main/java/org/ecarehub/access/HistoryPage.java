package org.ecarehub.access;

import java.util.List;
import java.util.Objects;
import org.ecarehub.transparency.SignedTreeHead;
import org.ecarehub.transparency.TransparencyLog;

/**
 * A page of a person's access history as the viewer may see it, with the signed tree head that every proof of the page
 * leads to and the log's public key.
 *
 * @param next the cursor of the next, older page ({@code before}), or null when this is the oldest
 * @param head the newest signed tree head when the page was read, or null before anything was sequenced
 */
public record HistoryPage(
        List<HistoryEntry> entries, Long next, SignedTreeHead head, TransparencyLog.LogPublicKey key) {

    public HistoryPage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(key, "key");
    }
}
