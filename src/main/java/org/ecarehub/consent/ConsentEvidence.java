package org.ecarehub.consent;

/**
 * How the person's decision was given: spoken, written, or a document held elsewhere.
 *
 * @param documentReference where the document is filed; required for {@link Kind#DOCUMENT}, else null
 */
public record ConsentEvidence(Kind kind, String documentReference) {

    public enum Kind {
        VERBAL,
        WRITTEN,
        DOCUMENT
    }

    public static ConsentEvidence verbal() {
        return new ConsentEvidence(Kind.VERBAL, null);
    }

    public static ConsentEvidence written() {
        return new ConsentEvidence(Kind.WRITTEN, null);
    }

    public static ConsentEvidence document(String reference) {
        return new ConsentEvidence(Kind.DOCUMENT, reference);
    }
}
