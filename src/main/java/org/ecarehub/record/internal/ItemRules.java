package org.ecarehub.record.internal;

import java.util.List;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.RecordContent;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.RecordRefused;
import org.ecarehub.record.StaleEdit;
import org.ecarehub.shared.Username;

/**
 * The record's own rules on changing an item, apart from who may (the access decision says that): plain functions
 * of the item as stored, so they can be tested without a database. Each throws a {@link RecordRefused} naming the rule.
 */
final class ItemRules {

    private ItemRules() {}

    /** The edit was made from the item's latest version. */
    static void requireLatest(RecordItem item, int expectedVersion) {
        if (expectedVersion != item.version()) {
            throw new StaleEdit(item.id(), expectedVersion, item.version());
        }
    }

    /** A correction keeps the item's kind, and changes nothing that is signed, ended or superseded. */
    static void requireCorrectable(RecordItem item, RecordContent content, String reason) {
        if (content == null) {
            throw new RecordRefused("the corrected content is required");
        }
        if (content.kind() != item.kind()) {
            throw new RecordRefused(
                    item.id().reference() + " is of kind " + item.kind().code() + ", so its content"
                            + " cannot become of kind " + content.kind().code());
        }
        requireReason(reason);
        switch (item.status()) {
            case SIGNED, SUPERSEDED ->
                throw new RecordRefused(
                        "a signed assessment cannot be changed: start a new assessment, which supersedes it when signed");
            case ENDED -> throw new RecordRefused(item.id().reference() + " has ended and cannot be corrected");
            case ACTIVE, DRAFT -> {}
        }
    }

    static void requireEndable(RecordItem item, String reason) {
        if (item.kind() != RecordKind.ALERT) {
            throw new RecordRefused("only an alert is ended; " + item.id().reference() + " is of kind "
                    + item.kind().code());
        }
        if (item.status() == ItemStatus.ENDED) {
            throw new RecordRefused(item.id().reference() + " has ended already");
        }
        requireReason(reason);
    }

    /**
     * An assessment is signed off once, by its assessor (the member of staff who started it), with every section a
     * signed assessment needs.
     *
     * @param assessor who started the draft; null when an agency's system did, and then nobody may sign it
     * @param signer the member of staff signing; null when an agency's system asks on its own
     */
    static void requireSignable(RecordItem item, Username assessor, Username signer) {
        if (item.kind() != RecordKind.ASSESSMENT) {
            throw new RecordRefused(item.id().reference() + " is not an assessment and has no sign-off");
        }
        if (item.status() != ItemStatus.DRAFT) {
            throw new RecordRefused("the assessment " + item.id().reference() + " is signed already");
        }
        if (signer == null) {
            throw new RecordRefused("an assessment is signed off by its assessor, a member of staff");
        }
        if (assessor == null || !assessor.equals(signer)) {
            throw new RecordRefused("only the assessor who started the assessment"
                    + (assessor == null ? "" : ", " + assessor.value() + ",") + " may sign it off");
        }
        List<String> missing = item.content(Assessment.class).missingForSignOff();
        if (!missing.isEmpty()) {
            throw new RecordRefused("the assessment cannot be signed off without: " + String.join(", ", missing));
        }
    }

    static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RecordRefused("the reason for the change is required");
        }
        if (reason.strip().length() > 2_000) {
            throw new RecordRefused("the reason for the change is longer than 2000 characters");
        }
        return reason.strip();
    }
}
