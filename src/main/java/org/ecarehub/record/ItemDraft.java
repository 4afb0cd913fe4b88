package org.ecarehub.record;

import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.Category;

/**
 * A new record item: its content, its category and its sensitivity. The owning agency is the writer's own, and the
 * kind follows from the content. Every kind but a document has its category fixed by the kind.
 */
public record ItemDraft(Category category, Sensitivity sensitivity, RecordContent content) {

    public ItemDraft {
        Checks.present(content, "the item's content");
        Checks.present(category, "the item's category");
        Checks.present(sensitivity, "the item's sensitivity");
        RecordKind kind = content.kind();
        if (kind.category().isPresent() && kind.category().get() != category) {
            throw new RecordRefused("an item of kind " + kind.code() + " is of category "
                    + kind.category().get().code() + ", not " + category.code());
        }
    }

    /** An item of the content's own category, of normal sensitivity. */
    public static ItemDraft of(RecordContent content) {
        Checks.present(content, "the item's content");
        return new ItemDraft(
                content.kind().category().orElseThrow(() -> new RecordRefused("a document needs a category")),
                Sensitivity.NORMAL,
                content);
    }

    /** A document of the given category and sensitivity. */
    public static ItemDraft document(Category category, Sensitivity sensitivity, Document document) {
        return new ItemDraft(category, sensitivity, document);
    }

    public RecordKind kind() {
        return content.kind();
    }
}
