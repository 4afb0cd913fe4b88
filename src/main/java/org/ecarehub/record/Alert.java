package org.ecarehub.record;

/**
 * An alert on a person's record, category {@code alerts}: what it warns of, in words a visiting worker can act on.
 * An alert is ended by a new version of its item, never deleted.
 *
 * @param contact whom to contact about it, or null; the child protection flag always names one
 */
public record Alert(AlertType type, String text, AlertContact contact) implements RecordContent {

    public Alert {
        Checks.present(type, "the alert's type");
        text = Checks.required(text, "the alert's text", 2_000);
        if (type == AlertType.CHILD_PROTECTION && contact == null) {
            throw new RecordRefused("a child protection alert names the lead professional to contact");
        }
    }

    @Override
    public RecordKind kind() {
        return RecordKind.ALERT;
    }
}
