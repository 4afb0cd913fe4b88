package org.ecarehub.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ecarehub.access.HistoryEntry;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.Role;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.RoleId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's access history in plain words, from the entries the access module decided they may see: who (agency and
 * role, the account only where the partnership shows it), what, why, on what basis and where it went. The story's
 * time of a replayed entry is read from the event the entry's proof commits to, the same event the browser checks.
 */
final class HistoryWords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Partnership partnership;

    HistoryWords(Partnership partnership) {
        this.partnership = partnership;
    }

    /** The entry in words; empty for an event the viewer may not see, which the page shows only as a chain link. */
    Optional<HistoryLine> line(int index, HistoryEntry entry) {
        if (entry.kind() == HistoryEntry.Kind.WITHHELD && entry.notice() != null) {
            return Optional.of(new HistoryLine(
                    -1,
                    -1,
                    null,
                    false,
                    null,
                    "",
                    "",
                    List.of(),
                    "",
                    "",
                    "",
                    null,
                    null,
                    false,
                    notice(entry.notice())));
        }
        if (entry.kind() != HistoryEntry.Kind.SHOWN || entry.access() == null) {
            return Optional.empty();
        }
        HistoryEntry.Access access = entry.access();
        Instant occurredAt = occurredAt(entry.proof());
        return Optional.of(new HistoryLine(
                index,
                access.eventId(),
                occurredAt == null ? access.time() : occurredAt,
                occurredAt != null,
                access.agency(),
                who(access),
                action(access),
                access.categories(),
                categories(access.categories()),
                purpose(access.purpose()),
                basis(access.basis()),
                access.breakGlassReason(),
                access.recipient() == null ? null : agency(access.recipient()),
                access.allowed(),
                null));
    }

    String agency(String code) {
        if (code == null) {
            return "";
        }
        try {
            AgencyId id = AgencyId.of(code);
            return partnership
                    .agency(id)
                    .map(org.ecarehub.partnership.Agency::name)
                    .orElse(code);
        } catch (IllegalArgumentException notAnId) {
            return code;
        }
    }

    private String who(HistoryEntry.Access access) {
        String kind = access.kind() == null ? "" : access.kind();
        String said = switch (kind) {
            case "staff" -> {
                String roles = access.roles().stream().map(this::role).collect(Collectors.joining(", "));
                String agency = agency(access.agency());
                yield roles.isEmpty() ? "Staff of " + agency : roles + ", " + agency;
            }
            case "system" -> "The computer system of " + agency(access.agency());
            case "portal" -> "You, or someone who acts for you, through this portal";
            case "hub" -> "eCare Hub itself";
            default -> agency(access.agency());
        };
        return access.account() == null ? said : said + " (account " + access.account() + ")";
    }

    private String role(String code) {
        try {
            return partnership.role(RoleId.of(code)).map(Role::name).orElse(code);
        } catch (IllegalArgumentException notAnId) {
            return code;
        }
    }

    private static String action(HistoryEntry.Access access) {
        if ("break-glass".equals(access.type())) {
            return "Opened emergency access to the record (break-glass)";
        }
        String action = access.action() == null ? "" : access.action();
        String done = switch (action) {
            case "read" -> "Looked at";
            case "create" -> "Added to";
            case "update" -> "Changed";
            case "disclose" -> "Shared";
            case "export" -> "Downloaded";
            default -> action.isEmpty() ? "Used" : action;
        };
        return access.allowed() ? done : "Asked for, and was refused: " + done.toLowerCase(java.util.Locale.ROOT);
    }

    static String categories(List<String> codes) {
        if (codes.isEmpty()) {
            return "The record as a whole";
        }
        return codes.stream().map(HistoryWords::category).collect(Collectors.joining(", "));
    }

    static String category(String code) {
        return switch (code) {
            case "demographics" -> "personal details";
            case "contacts" -> "contacts";
            case "alerts" -> "alerts for staff";
            case "assessment" -> "assessments of needs";
            case "care-plan" -> "care plan";
            case "service-provision" -> "services provided";
            case "service-request" -> "requests for services";
            case "health-detail" -> "health details";
            case "social-work-note" -> "social work notes";
            case "protection" -> "protection";
            case "housing" -> "housing";
            case "education" -> "education";
            case "police" -> "police information";
            default -> code;
        };
    }

    private static String purpose(String code) {
        if (code == null) {
            return "Not recorded";
        }
        return Purpose.fromCode(code).map(PurposeNames.INSTANCE::name).orElse(code);
    }

    static String basis(String code) {
        if (code == null) {
            return "Not recorded";
        }
        return switch (code) {
            case "consent" -> "Your consent";
            case "implied-consent" -> "Implied consent: they are involved in your care";
            case "protection-duty" -> "A duty to protect someone from harm, which does not need consent";
            case "emergency" -> "An emergency";
            case "break-glass" -> "Emergency access (break-glass), which a Caldicott guardian reviews";
            case "refused" -> "Refused: nothing was shown";
            case "own-agency" -> "Their own agency's records";
            case "data-subject" -> "You, or someone who acts for you";
            case "representative-authority" -> "The authority of someone who acts for you";
            case "not-a-disclosure" -> "Nothing left the agency";
            default -> code;
        };
    }

    /** W2: that an access is withheld, why in plain words, and when that is looked at again; nothing else. */
    private static String notice(HistoryEntry.Notice notice) {
        String why = switch (notice.exemption()) {
            case "serious-harm" -> "because showing it could cause serious harm";
            case "third-party" -> "because it is about someone else, or came from someone else (third party)";
            case "legal-privilege" -> "because it is legal advice (legal privilege)";
            default -> "under an exemption in data protection law";
        };
        return "An entry here is not shown " + why + ". It will be looked at again by " + Dates.day(notice.until())
                + ".";
    }

    /** When a shown entry happened: the story's time for a replayed one, else when it was logged. */
    static Instant happenedAt(HistoryEntry entry) {
        Instant occurredAt = occurredAt(entry.proof());
        return occurredAt == null ? entry.access().time() : occurredAt;
    }

    /** The story's time of a replayed step, from the event the leaf commits to; null for an event logged as it was. */
    private static Instant occurredAt(HistoryEntry.Proof proof) {
        if (proof == null || proof.event() == null) {
            return null;
        }
        JsonNode what = JSON.readTree(proof.event()).path("what");
        if (!what.path("replayed").asBoolean(false) || !what.hasNonNull("occurredAt")) {
            return null;
        }
        return Instant.parse(what.path("occurredAt").asString());
    }
}
