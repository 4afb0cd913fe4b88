package org.ecarehub.record;

import java.util.Arrays;
import java.util.Optional;
import org.ecarehub.partnership.Category;

/**
 * What a record item is, which says the shape of its content and, for every kind but a document, its POLICY.md
 * category.
 */
public enum RecordKind {
    ALERT("alert", Category.ALERTS, Alert.class),
    ASSESSMENT("assessment", Category.ASSESSMENT, Assessment.class),
    CARE_PLAN("care-plan", Category.CARE_PLAN, CarePlan.class),
    SERVICE_PROVISION("service-provision", Category.SERVICE_PROVISION, ServiceProvision.class),
    /** A letter, report or note: of whatever category its author gives it. */
    DOCUMENT("document", null, Document.class);

    private final String code;
    private final Category category;
    private final Class<? extends RecordContent> content;

    RecordKind(String code, Category category, Class<? extends RecordContent> content) {
        this.code = code;
        this.category = category;
        this.content = content;
    }

    public String code() {
        return code;
    }

    /** The category every item of this kind belongs to; empty for a document, whose author chooses. */
    public Optional<Category> category() {
        return Optional.ofNullable(category);
    }

    /** The type of this kind's content. */
    public Class<? extends RecordContent> contentType() {
        return content;
    }

    public static Optional<RecordKind> fromCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
    }
}
