package org.ecarehub.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.ecarehub.shared.PersonId;

/**
 * One event of a person's history as a viewer sees it: an access shown with its proof, a notice that something is
 * withheld (POLICY.md W2, where the exemption allows one), or only its link in the person's chain.
 *
 * @param link the event's place in the person's chain; null while the event waits for the sequencer
 * @param access what happened; only for {@link Kind#SHOWN}
 * @param proof what checks the event against the log; only for {@link Kind#SHOWN}
 * @param notice the exemption and until when; only for {@link Kind#WITHHELD}
 */
public record HistoryEntry(Kind kind, Link link, Access access, Proof proof, Notice notice) {

    public HistoryEntry {
        Objects.requireNonNull(kind, "kind");
    }

    public enum Kind {
        /** An access or break-glass the viewer may see. */
        SHOWN,
        /** Withheld under an exemption that allows the person to be told (W2). */
        WITHHELD,
        /**
         * An event the viewer may not see: of another kind, about categories outside their authority, or withheld
         * under an exemption that neither confirms nor denies; the three are not told apart.
         */
        NOT_SHOWN
    }

    /**
     * @param person the person-index id the event was logged under (a person merged into this one keeps its own chain)
     * @param previousLeaf the leaf of the person's previous event, or -1 for their first
     */
    public record Link(PersonId person, long sequence, long leafIndex, long previousLeaf) {}

    /**
     * @param type {@code access} or {@code break-glass}
     * @param kind who acted: {@code staff}, {@code system}, {@code portal} or {@code hub}
     * @param account the staff account, only when the partnership shows staff names; null for role only
     * @param basis {@code consent}, {@code implied-consent}, {@code protection-duty}, {@code emergency}, {@code
     *     break-glass}, {@code refused} or another lawful basis code ({@code own-agency}, {@code data-subject}, ...)
     * @param breakGlassReason the reason given when break-glass was opened, for a break-glass opening or an access under
     *     it; null otherwise
     * @param recipient the agency the information went to, when it left its owning agency
     */
    public record Access(
            long eventId,
            Instant time,
            String type,
            String kind,
            String agency,
            List<String> roles,
            String account,
            String action,
            List<String> categories,
            String purpose,
            String basis,
            String breakGlassReason,
            String recipient,
            boolean allowed) {

        public Access {
            roles = List.copyOf(roles);
            categories = List.copyOf(categories);
        }
    }

    /**
     * @param event the canonical JSON the leaf commits to
     * @param leafInput the leaf input; null while the event waits for the sequencer
     * @param auditPath the inclusion proof to the page's tree head; null when the leaf is not yet under a signed head
     */
    public record Proof(
            String event, byte[] salt, long timestampMillis, int eventType, byte[] leafInput, List<byte[]> auditPath) {}

    public record Notice(String exemption, LocalDate until) {}
}
