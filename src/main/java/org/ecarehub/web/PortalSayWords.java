package org.ecarehub.web;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.ecarehub.access.Challenge;
import org.ecarehub.access.LawfulBasis;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;

/**
 * The words of the portal's pages where the person has a say (consent, who can see the record, who acts for them,
 * challenges): plain language for the codes the modules decide with.
 */
public final class PortalSayWords {

    static final PortalSayWords INSTANCE = new PortalSayWords();

    /** The purposes a person may decide consent for: those that share their information for their care or safety. */
    static final List<Purpose> PURPOSES = ConsentPages.CONSENT_PURPOSES;

    private PortalSayWords() {}

    public String category(Category category) {
        return switch (category) {
            case DEMOGRAPHICS -> "Name, date of birth and address";
            case CONTACTS -> "Who works with you and how to reach them";
            case ALERTS -> "Warnings for staff before they visit or call";
            case ASSESSMENT -> "Assessments of needs";
            case CARE_PLAN -> "Care plan";
            case SERVICE_PROVISION -> "Services provided";
            case SERVICE_REQUEST -> "Requests for services";
            case HEALTH_DETAIL -> "Health details";
            case SOCIAL_WORK_NOTE -> "Social work notes";
            case PROTECTION -> "Protection concerns";
            case HOUSING -> "Housing";
            case EDUCATION -> "Education";
            case POLICE -> "Police information";
        };
    }

    public String categories(Collection<Category> categories) {
        if (categories.isEmpty()) {
            return "Everything in the record";
        }
        return categories.stream().sorted().map(this::category).collect(Collectors.joining(", "));
    }

    public String purpose(Purpose purpose) {
        return switch (purpose) {
            case DIRECT_CARE -> "Care and support";
            case CHILD_PROTECTION -> "Keeping a child safe (child protection)";
            case ADULT_PROTECTION -> "Keeping an adult safe (adult protection)";
            case EMERGENCY -> "Emergencies and unscheduled care";
            case AUDIT -> "Checking the service (audit)";
            case ADMINISTRATION -> "Running the service (administration)";
            case SUBJECT_ACCESS -> "Your request to see your information";
        };
    }

    /** What a decision for the purpose changes, so that nobody believes a refusal stops what the law requires. */
    public String purposeMeaning(Purpose purpose) {
        return switch (purpose) {
            case DIRECT_CARE ->
                "Your answer decides whether agencies share this information with each other to care for you. Without"
                        + " an answer, everyday information may be shared for your care, but not sensitive details.";
            case CHILD_PROTECTION, ADULT_PROTECTION ->
                "Your answer is recorded and staff see it, but the law lets agencies share information to keep someone"
                        + " safe from harm even without consent. They must write down why, and it shows in the log.";
            case EMERGENCY ->
                "Your answer is recorded and staff see it, but in an emergency staff may see basic details, contacts"
                        + " and warnings without consent, so that they can help you safely.";
            case AUDIT, ADMINISTRATION, SUBJECT_ACCESS -> "This is not sharing, so consent does not apply.";
        };
    }

    public String state(ConsentState state) {
        return switch (state) {
            case GIVEN -> "You agreed";
            case REFUSED -> "You said no";
            case WITHDRAWN -> "You took back your agreement";
            case NONE -> "No answer recorded";
        };
    }

    public String decidedBy(Consent consent) {
        return consent.onBehalfOf() == null ? "The person" : "A representative, under their authority";
    }

    public String kind(Authority.Kind kind) {
        return switch (kind) {
            case WELFARE_ATTORNEY -> "Welfare power of attorney";
            case WELFARE_GUARDIAN -> "Welfare guardian";
            case FINANCIAL_ATTORNEY -> "Financial power of attorney";
            case PARENTAL_RESPONSIBILITY -> "Parent with parental responsibilities";
            case NOMINATED_NEXT_OF_KIN_OR_CARER -> "Next of kin or carer, chosen by the person";
        };
    }

    /** What the authority lets its holder see, as POLICY.md P3 says it, for the "people who act for me" page. */
    public String powers(Authority authority) {
        return switch (authority.kind()) {
            case WELFARE_ATTORNEY ->
                "Care, welfare and health information, once the person has been assessed as unable to make welfare"
                        + " decisions";
            case WELFARE_GUARDIAN -> "What the guardianship order names: " + categories(authority.categories());
            case FINANCIAL_ATTORNEY -> "Money matters only: nothing in the care record";
            case PARENTAL_RESPONSIBILITY ->
                "The record of a child under 16, except what a child of 12 or over has asked to keep private";
            case NOMINATED_NEXT_OF_KIN_OR_CARER -> "What the person chose: " + categories(authority.categories());
        };
    }

    public String period(LocalDate start, LocalDate end) {
        return "From " + Dates.day(start) + (end == null ? ", with no end date" : " to " + Dates.day(end));
    }

    /**
     * How a member of staff comes to be able to see the record (rule 6), in words: to the person themself ("your key
     * worker") or to someone who acts for them ("their key worker").
     */
    public String through(String how, boolean own) {
        String your = own ? "Your" : "Their";
        String you = own ? "you" : "them";
        return switch (how) {
            case "break-glass" -> "Opened emergency access to the record (break-glass), which is reviewed";
            case "key-worker" -> your + " key worker";
            case "lead-professional" -> your + " lead professional";
            case "care-team" -> "Part of " + your.toLowerCase(java.util.Locale.ROOT) + " care team";
            case "team-caseload" -> "In a team that works with " + you;
            case "referral" -> "Received a referral about " + you;
            case "service-request" -> "Received a request for a service for " + you;
            case "protection-message" -> "Received a message about keeping someone safe";
            default -> "Works with " + you;
        };
    }

    public String basis(LawfulBasis basis) {
        if (basis == null) {
            return "";
        }
        return switch (basis) {
            case OWN_AGENCY -> "their own agency's information";
            case CONSENT -> "because you agreed";
            case IMPLIED_CONSENT -> "shared for your care unless you say no";
            case PROTECTION_DUTY -> "a duty to keep someone safe";
            case EMERGENCY -> "an emergency";
            case DATA_SUBJECT -> "it is your own record";
            case REPRESENTATIVE_AUTHORITY -> "an authority to act for you";
            case NOT_A_DISCLOSURE -> "not shared outside the agency";
        };
    }

    public String challengeKind(Challenge.Kind kind) {
        return switch (kind) {
            case ACCESS -> "I do not know why someone looked at the record";
            case SHARING -> "I disagree with information being shared";
            case CORRECTION -> "Something in the record is wrong";
        };
    }

    public String challengeStatus(Challenge.Status status) {
        return switch (status) {
            case RECEIVED -> "Received";
            case ACKNOWLEDGED -> "Being looked at";
            case ANSWERED -> "Answered";
        };
    }

    public String day(LocalDate day) {
        return Dates.day(day);
    }
}
