package org.ecarehub.consent.internal;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.AuthorityDraft;
import org.ecarehub.consent.CapacityAssessment;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.ConsentAnswer;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.KeptFromParents;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.WithholdingDraft;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;

/**
 * The module's checks and answers as plain functions of what they are given: what a draft must hold, what a
 * representative's authority covers, which consent decision is the latest, who may be the second person of W4.
 */
final class Checks {

    /** The role a partnership file gives team managers; see docs/decisions/0013. */
    static final String TEAM_MANAGER_ROLE = "team-manager";

    static final int MAX_TEXT = 4000;

    /** A child may ask to keep categories from their parents from this age (POLICY.md P3). */
    static final int CHILD_MAY_ASK_FROM = 12;

    static final int CHILDHOOD_ENDS = 16;

    private Checks() {}

    static void consent(ConsentDraft draft) {
        require(draft.person() != null, "a consent needs the person it is about");
        require(draft.purpose() != null, "a consent needs a purpose");
        require(
                draft.status() != null && draft.status() != ConsentState.NONE,
                "a consent is given, refused or withdrawn");
        require(!draft.recipients().isEmpty(), "a consent names at least one recipient: an agency or an agency type");
        require(draft.evidence() != null && draft.evidence().kind() != null, "a consent needs its evidence");
        require(
                draft.evidence().kind() != ConsentEvidence.Kind.DOCUMENT
                        || present(draft.evidence().documentReference()),
                "document evidence needs the document's reference");
        require(
                draft.evidence().documentReference() == null
                        || draft.evidence().documentReference().length() <= 500,
                "a document reference has at most 500 characters");
        require(draft.start() != null, "a consent needs the day it starts");
        require(draft.end() == null || !draft.end().isBefore(draft.start()), "a consent cannot end before it starts");
    }

    /**
     * A representative may decide only within an authority over this person that they hold, that is verified, in
     * force from the consent's start, and that covers every category the consent names.
     */
    static void representativeConsent(
            ConsentDraft draft,
            RepresentativeAuthority authority,
            LocalDate today,
            boolean lacksWelfareCapacity,
            int age,
            Set<Category> keptFromParents) {
        require(
                authority != null
                        && authority.person().equals(draft.person())
                        && authority.representative().equals(draft.onBehalfOf().representative()),
                "the representative holds no such authority over the person");
        require(authority.authority().verified(), "the representative's authority has not been verified");
        require(
                authority.authority().inForceOn(today) && authority.authority().inForceOn(draft.start()),
                "the representative's authority is not in force");
        require(!draft.categories().isEmpty(), "a representative's consent must name the categories it is about");
        for (Category category : EnumSet.copyOf(draft.categories())) {
            String refusal = coverage(authority.authority(), category, lacksWelfareCapacity, age, keptFromParents);
            if (refusal != null) {
                throw new RecordingRefused("the representative cannot decide for this person: " + refusal);
            }
        }
    }

    /** Why the authority does not cover the category, or null when it does; as POLICY.md P3 reads. */
    static String coverage(
            Authority authority, Category category, boolean lacksWelfareCapacity, int age, Set<Category> kept) {
        if (category == Category.PROTECTION) {
            return "representatives never see the protection category";
        }
        return switch (authority.kind()) {
            case WELFARE_ATTORNEY -> {
                if (!lacksWelfareCapacity) {
                    yield "a welfare power of attorney acts only once the person is assessed as lacking capacity";
                }
                yield Authority.WELFARE_CATEGORIES.contains(category)
                        ? null
                        : "a welfare power of attorney does not cover " + category.code();
            }
            case WELFARE_GUARDIAN ->
                authority.categories().contains(category)
                        ? null
                        : "the guardianship order does not cover " + category.code();
            case FINANCIAL_ATTORNEY -> "a financial power of attorney covers none of the care record";
            case PARENTAL_RESPONSIBILITY -> {
                if (age < 0 || age >= CHILDHOOD_ENDS) {
                    yield "parental responsibilities reach only a child under 16";
                }
                yield kept.contains(category)
                        ? "the child asked to keep " + category.code() + " from their parents"
                        : null;
            }
            case NOMINATED_NEXT_OF_KIN_OR_CARER ->
                authority.categories().contains(category)
                        ? null
                        : "the person did not choose to share " + category.code() + " with this nominee";
        };
    }

    /** The latest decision (by when it was recorded, then by number) that applies; none recorded gives NONE. */
    static ConsentAnswer latest(
            List<Consent> consents,
            Purpose purpose,
            AgencyId recipient,
            AgencyType recipientType,
            Category category,
            LocalDate day) {
        return consents.stream()
                .filter(consent -> consent.appliesTo(purpose, recipient, recipientType, category, day))
                .max(Comparator.comparing(Consent::recordedAt)
                        .thenComparing(consent -> consent.id().value()))
                .map(consent ->
                        new ConsentAnswer(consent.status(), consent.categories().contains(category), consent.id()))
                .orElse(ConsentAnswer.NONE);
    }

    static void authority(AuthorityDraft draft) {
        require(draft.person() != null, "an authority needs the person it is over");
        require(draft.representative() != null, "an authority needs the representative who holds it");
        require(!draft.person().equals(draft.representative()), "a person cannot be their own representative");
        require(draft.kind() != null, "an authority needs its kind");
        boolean registered = draft.kind() == Authority.Kind.WELFARE_ATTORNEY
                || draft.kind() == Authority.Kind.WELFARE_GUARDIAN
                || draft.kind() == Authority.Kind.FINANCIAL_ATTORNEY;
        require(
                !registered || present(draft.reference()),
                "an attorney or guardian needs the registration reference of their power or order");
        require(
                draft.reference() == null || draft.reference().length() <= 200,
                "a reference has at most 200 characters");
        boolean named = draft.kind() == Authority.Kind.WELFARE_GUARDIAN
                || draft.kind() == Authority.Kind.NOMINATED_NEXT_OF_KIN_OR_CARER;
        require(!named || !draft.categories().isEmpty(), "a guardianship order or nomination names its categories");
        require(!draft.categories().contains(Category.PROTECTION), "representatives never see the protection category");
        require(draft.start() != null, "an authority needs the day it starts");
        require(
                draft.end() == null || !draft.end().isBefore(draft.start()),
                "an authority cannot end before it starts");
    }

    /** Whether the latest assessment in the area made on or before the day found the person lacking capacity. */
    static boolean lacksCapacity(List<CapacityAssessment> assessments, DecisionArea area, LocalDate day) {
        return assessments.stream()
                .filter(assessment -> assessment.areas().contains(area)
                        && !assessment.assessedOn().isAfter(day))
                .max(Comparator.comparing(CapacityAssessment::assessedOn)
                        .thenComparing(CapacityAssessment::recordedAt)
                        .thenComparing(CapacityAssessment::id))
                .map(CapacityAssessment::lacksCapacity)
                .orElse(false);
    }

    static Set<Category> keptFromParents(List<KeptFromParents> requests, LocalDate day) {
        Set<Category> kept = EnumSet.noneOf(Category.class);
        requests.stream()
                .filter(request -> request.inForceOn(day))
                .forEach(request -> kept.addAll(request.categories()));
        return Set.copyOf(kept);
    }

    static void reviewDate(LocalDate reviewBy, LocalDate today) {
        require(reviewBy != null, "a withholding needs a review date");
        require(reviewBy.isAfter(today), "a withholding's review date must be after today");
        require(
                !reviewBy.isAfter(today.plusMonths(Withholdings.MAX_MONTHS_TO_REVIEW)),
                "a withholding's review date must be at most 12 months ahead");
    }

    /** W1 and W4 for a withholding staff decide. */
    static void withholding(WithholdingDraft draft, Actor by, LocalDate today, Partnership partnership) {
        require("staff".equals(by.kind()), "only staff may withhold");
        require(draft.person() != null, "a withholding needs the person it is about");
        require(draft.target() != null, "a withholding needs what it hides: a record item or an access event");
        require(draft.exemption() != null, "a withholding needs its exemption");
        require(present(draft.justification()), "a withholding needs its justification");
        require(draft.justification().length() <= MAX_TEXT, "a justification has at most 4000 characters");
        reviewDate(draft.reviewBy(), today);
        if (draft.target().isAccessEvent()) {
            Username accessedBy = draft.target().accessedBy();
            require(!by.account().equals(accessedBy.value()), "nobody may withhold their own access events");
            secondPerson(draft.secondPerson(), accessedBy, by, partnership);
        }
    }

    /** W4: a team manager of the accessing agency or a Caldicott guardian, who is neither the decider nor the user. */
    static void secondPerson(Username second, Username accessedBy, Actor by, Partnership partnership) {
        require(
                second != null,
                "withholding an access event needs a second person: a team manager or a Caldicott guardian");
        require(
                !second.equals(accessedBy),
                "nobody may withhold their own access events: the second person made the access");
        require(!second.value().equals(by.account()), "the second person must be someone other than the decider");
        StaffAccount account = partnership
                .staff(second)
                .filter(StaffAccount::active)
                .filter(staff ->
                        partnership.agency(staff.agency()).map(Agency::active).orElse(false))
                .orElseThrow(() -> new RecordingRefused("the second person is not an active member of staff"));
        boolean guardian = partnership.governance().caldicottGuardian().equals(second)
                || partnership.governance().agencyCaldicottGuardians().containsValue(second);
        AgencyId accessingAgency =
                partnership.staff(accessedBy).map(StaffAccount::agency).orElse(null);
        boolean teamManager = account.agency().equals(accessingAgency)
                && account.roles().stream().anyMatch(role -> role.value().equals(TEAM_MANAGER_ROLE));
        require(
                guardian || teamManager,
                "the second person must be a Caldicott guardian or a team manager of the agency that made the access");
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static void require(boolean condition, String refusal) {
        if (!condition) {
            throw new RecordingRefused(refusal);
        }
    }
}
