package org.ecarehub.web;

import org.ecarehub.record.Document;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.WithheldNotice;

/** The portal's words for the person and their family: plain language, no codes. */
public final class PortalWords {

    static final PortalWords INSTANCE = new PortalWords();

    private PortalWords() {}

    public String actingAs(PortalChoice choice) {
        String under = switch (choice.kind()) {
            case WELFARE_ATTORNEY -> "as their welfare attorney";
            case WELFARE_GUARDIAN -> "as their welfare guardian";
            case FINANCIAL_ATTORNEY -> "as their financial attorney (this does not cover the care record)";
            case PARENTAL_RESPONSIBILITY -> "as their parent";
            case NOMINATED_NEXT_OF_KIN_OR_CARER -> "as the next of kin or carer they chose";
        };
        String reference = choice.reference() == null || choice.reference().isBlank()
                ? ""
                : " (reference " + choice.reference() + ")";
        return "The person you act for " + under + reference;
    }

    public String item(RecordItem item) {
        if (item.content() instanceof Document document) {
            return "Letter or report: " + document.title();
        }
        return switch (item.kind()) {
            case ALERT -> "Something staff should know before they visit or call";
            case ASSESSMENT -> "Assessment of needs (Single Shared Assessment)";
            case CARE_PLAN -> "Care plan";
            case SERVICE_PROVISION -> "A service provided";
            case DOCUMENT -> "Letter or report";
        };
    }

    /** W2: that something is withheld, why in plain words, and until when it stays so before it is looked at again. */
    public String withheld(WithheldNotice notice) {
        String why = switch (notice.exemption()) {
            case "serious-harm" -> "because showing it could cause serious harm";
            case "third-party" -> "because it is about someone else, or came from someone else (third party)";
            case "legal-privilege" -> "because it is legal advice (legal privilege)";
            default -> "under an exemption in data protection law";
        };
        return "The agency holds something it does not show here " + why + ". It will be looked at again by "
                + Dates.day(notice.until()) + ".";
    }
}
