package org.ecarehub.transparency;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ecarehub.shared.PersonId;

/**
 * One event for the log, kept privately by the hub: who did what, about whom, why and when. The leaf published in
 * the Merkle log commits to it (salted, hashed) and reveals none of it.
 *
 * <p>The person's sequence number and the leaf index of their previous event are added when the event is
 * sequenced, since only then is its place in the log known.
 *
 * @param person the person the event is about, or null for an event about nobody (a search that disclosed nobody,
 *     a configuration change)
 */
public record LogEvent(EventType type, Instant time, Who who, What what, PersonId person, Why why) {

    public LogEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(why, "why");
        // The leaf's timestamp has millisecond precision; the event must say the same instant.
        time = time.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The same event, marked as a step of a replayed story that occurred at the given time. */
    public LogEvent replayedAt(Instant occurredAt) {
        return new LogEvent(type, time, who, what.replayedAt(occurredAt), person, why);
    }

    public Optional<PersonId> about() {
        return Optional.ofNullable(person);
    }

    /**
     * Who acted.
     *
     * @param kind {@code staff}, {@code system}, {@code person}, {@code representative} or {@code hub}
     * @param account the staff username, client id or portal account; null for the hub itself
     * @param agency the agency id, or null
     * @param onBehalfOf the staff account an agency system acted for, or null
     */
    public record Who(String kind, String account, String agency, List<String> roles, String onBehalfOf) {

        public Who {
            Objects.requireNonNull(kind, "kind");
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        public Who(String kind, String account, String agency, List<String> roles) {
            this(kind, account, agency, roles, null);
        }

        public static Who staff(String account, String agency, List<String> roles) {
            return new Who("staff", account, agency, roles);
        }

        public static Who hub() {
            return new Who("hub", null, null, List.of());
        }
    }

    /**
     * What was done, to what.
     *
     * @param action {@code read}, {@code create}, {@code update}, {@code disclose}, {@code export}, or an event
     *     type's own verb (for example {@code apply} for a configuration)
     * @param items ids of the record items concerned, when known
     * @param recipient where the information went (an agency or team id), for a disclosure; else null
     * @param occurredAt when a replayed story says the step happened, for an event the hub appended later (the demo's
     *     history, decision 0037); null for everything else, and then left out of the event, so events keep the form
     *     they were published in. The event's own time is always when it was logged.
     * @param replayed the step was replayed through the modules' APIs, not taken by the person named when it says
     */
    public record What(
            String action,
            List<String> categories,
            List<String> items,
            String recipient,
            Instant occurredAt,
            boolean replayed) {

        public What {
            Objects.requireNonNull(action, "action");
            categories = categories == null ? List.of() : List.copyOf(categories);
            items = items == null ? List.of() : List.copyOf(items);
            occurredAt = occurredAt == null ? null : occurredAt.truncatedTo(ChronoUnit.MILLIS);
            if (replayed != (occurredAt != null)) {
                throw new IllegalArgumentException("a replayed step says when it occurred, and only a replayed one");
            }
        }

        public What(String action, List<String> categories, List<String> items, String recipient) {
            this(action, categories, items, recipient, null, false);
        }

        public static What of(String action, List<String> categories) {
            return new What(action, categories, List.of(), null);
        }

        /** The same, marked as a step of a replayed story that occurred at the given time. */
        public What replayedAt(Instant when) {
            return new What(action, categories, items, recipient, when, true);
        }
    }

    /**
     * Why it was allowed or refused.
     *
     * @param decision {@code allow} or {@code deny}, or null where no access decision was taken
     * @param rules the rules of the policy that decided it
     * @param configurationVersion the partnership configuration version in force, or 0 when none was
     * @param flags what an allowed decision carries for review: {@code protection-override}, {@code without-consent},
     *     {@code break-glass}
     */
    public record Why(
            String purpose,
            String decision,
            List<String> rules,
            String lawfulBasis,
            String sharingAgreement,
            String consent,
            String justification,
            int configurationVersion,
            List<String> flags) {

        public Why {
            rules = rules == null ? List.of() : List.copyOf(rules);
            flags = flags == null ? List.of() : List.copyOf(flags);
        }

        public Why(
                String purpose,
                String decision,
                List<String> rules,
                String lawfulBasis,
                String sharingAgreement,
                String consent,
                String justification,
                int configurationVersion) {
            this(
                    purpose,
                    decision,
                    rules,
                    lawfulBasis,
                    sharingAgreement,
                    consent,
                    justification,
                    configurationVersion,
                    List.of());
        }

        public static Why of(String purpose, int configurationVersion) {
            return new Why(purpose, null, List.of(), null, null, null, null, configurationVersion);
        }
    }
}
