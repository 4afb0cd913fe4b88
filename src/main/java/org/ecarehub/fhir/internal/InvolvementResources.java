package org.ecarehub.fhir.internal;

import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;
import org.ecarehub.access.Relationship;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Recipient;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.partnership.Team;
import org.ecarehub.shared.PersonId;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;

/**
 * Relationships as CareTeam, authorities and nominations as RelatedPerson, consent decisions as Consent. Each
 * resource's id is the person's id and the hub's number for the thing, joined by a dot ({@code PERSON.12}): a person
 * id never holds a dot, and the person is where every decision starts.
 */
final class InvolvementResources {

    static final String RELATIONSHIP_KIND_SYSTEM = "urn:ecare:relationship-kind";
    static final String AUTHORITY_KIND_SYSTEM = "urn:ecare:authority-kind";
    static final String TEAM_SYSTEM = "urn:ecare:team";
    static final String PERSON_SYSTEM = "urn:ecare:person";
    static final String CATEGORY_SYSTEM = "urn:ecare:category";
    static final String PURPOSE_SYSTEM = "urn:ecare:purpose";
    static final String AGENCY_TYPE_SYSTEM = "urn:ecare:agency-type";
    static final String ROLE_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
    static final String NEXT_OF_KIN_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0131";

    private InvolvementResources() {}

    /** The person and the number a resource id names, or empty when the id is not of that form. */
    static Optional<Named> named(String id) {
        if (id == null) {
            return Optional.empty();
        }
        int dot = id.lastIndexOf('.');
        if (dot <= 0 || dot == id.length() - 1) {
            return Optional.empty();
        }
        try {
            long number = Long.parseLong(id.substring(dot + 1));
            if (number <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Named(PersonId.of(id.substring(0, dot)), number));
        } catch (IllegalArgumentException notOfThatForm) {
            return Optional.empty();
        }
    }

    record Named(PersonId person, long number) {}

    static String id(PersonId person, long number) {
        return person.value() + "." + number;
    }

    static CareTeam careTeam(Partnership partnership, Relationship relationship, LocalDate today) {
        CareTeam team = new CareTeam();
        team.setId(id(relationship.person(), relationship.id().value()));
        team.setStatus(
                relationship.activeOn(today) ? CareTeam.CareTeamStatus.ACTIVE : CareTeam.CareTeamStatus.INACTIVE);
        team.setSubject(new Reference("Patient/" + relationship.person().value()));
        team.setPeriod(period(relationship.start(), relationship.end()));
        CareTeam.CareTeamParticipantComponent participant = team.addParticipant();
        participant.addRole(new CodeableConcept(new Coding(
                RELATIONSHIP_KIND_SYSTEM,
                relationship.kind().code(),
                relationship.kind().code().replace('-', ' '))));
        participant.setPeriod(period(relationship.start(), relationship.end()));
        if (relationship.holder().user() != null) {
            String username = relationship.holder().user().value();
            participant.setMember(new Reference("Practitioner/" + username));
            partnership
                    .staff(relationship.holder().user())
                    .map(StaffAccount::agency)
                    .ifPresent(agency -> {
                        participant.setOnBehalfOf(new Reference("Organization/" + agency.value()));
                        team.addManagingOrganization(new Reference("Organization/" + agency.value()));
                    });
        } else {
            Optional<Team> held = partnership.team(relationship.holder().team());
            Reference member = new Reference()
                    .setIdentifier(new Identifier()
                            .setSystem(TEAM_SYSTEM)
                            .setValue(relationship.holder().team().value()));
            held.ifPresent(found -> member.setDisplay(found.name()));
            participant.setMember(member);
            held.ifPresent(found -> {
                participant.setOnBehalfOf(
                        new Reference("Organization/" + found.agency().value()));
                team.addManagingOrganization(
                        new Reference("Organization/" + found.agency().value()));
            });
        }
        return team;
    }

    /**
     * An authority or nomination: who the representative is (by their person id, which a client reads as a Patient
     * through its own decision), what kind, and when; never its registration reference.
     */
    static RelatedPerson relatedPerson(RepresentativeAuthority recorded, LocalDate today) {
        Authority authority = recorded.authority();
        RelatedPerson related = new RelatedPerson();
        related.setId(id(recorded.person(), recorded.id().value()));
        related.setActive(authority.verified() && authority.inForceOn(today));
        related.setPatient(new Reference("Patient/" + recorded.person().value()));
        related.addIdentifier(new Identifier()
                .setSystem(PERSON_SYSTEM)
                .setValue(recorded.representative().value()));
        CodeableConcept relationship = new CodeableConcept();
        relationship.addCoding(new Coding(
                AUTHORITY_KIND_SYSTEM,
                kindCode(authority.kind()),
                kindCode(authority.kind()).replace('-', ' ')));
        standardCoding(authority.kind()).ifPresent(relationship::addCoding);
        related.addRelationship(relationship);
        related.setPeriod(period(authority.start(), authority.end()));
        return related;
    }

    static String kindCode(Authority.Kind kind) {
        return switch (kind) {
            case WELFARE_ATTORNEY -> "welfare-attorney";
            case WELFARE_GUARDIAN -> "welfare-guardian";
            case FINANCIAL_ATTORNEY -> "financial-attorney";
            case PARENTAL_RESPONSIBILITY -> "parental-responsibility";
            case NOMINATED_NEXT_OF_KIN_OR_CARER -> "nominated-next-of-kin-or-carer";
        };
    }

    private static Optional<Coding> standardCoding(Authority.Kind kind) {
        return Optional.of(
                switch (kind) {
                    case WELFARE_ATTORNEY -> new Coding(ROLE_CODE_SYSTEM, "HPOWATT", "healthcare power of attorney");
                    case FINANCIAL_ATTORNEY -> new Coding(ROLE_CODE_SYSTEM, "POWATT", "power of attorney");
                    case WELFARE_GUARDIAN -> new Coding(ROLE_CODE_SYSTEM, "GUARD", "guardian");
                    case PARENTAL_RESPONSIBILITY -> new Coding(ROLE_CODE_SYSTEM, "PRN", "parent");
                    case NOMINATED_NEXT_OF_KIN_OR_CARER -> new Coding(NEXT_OF_KIN_SYSTEM, "N", "Next-of-Kin");
                });
    }

    /**
     * A consent decision: given and in force is active, given but ended or not yet begun is inactive, refused is
     * rejected, withdrawn is inactive. The provision permits (given) or denies (refused, withdrawn) the purpose, the
     * categories shown (none listed: every category) and the recipients. Its evidence stays in the hub.
     */
    static org.hl7.fhir.r4.model.Consent consent(Consent consent, LocalDate today) {
        org.hl7.fhir.r4.model.Consent shown = new org.hl7.fhir.r4.model.Consent();
        shown.setId(id(consent.person(), consent.id().value()));
        shown.setStatus(
                switch (consent.status()) {
                    case GIVEN ->
                        consent.inForceOn(today)
                                ? org.hl7.fhir.r4.model.Consent.ConsentState.ACTIVE
                                : org.hl7.fhir.r4.model.Consent.ConsentState.INACTIVE;
                    case REFUSED -> org.hl7.fhir.r4.model.Consent.ConsentState.REJECTED;
                    case WITHDRAWN, NONE -> org.hl7.fhir.r4.model.Consent.ConsentState.INACTIVE;
                });
        shown.setScope(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent")));
        shown.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
        shown.setPatient(new Reference("Patient/" + consent.person().value()));
        shown.setDateTimeElement(new DateTimeType(Date.from(consent.recordedAt())));
        if (consent.onBehalfOf() != null) {
            shown.addPerformer(new Reference("RelatedPerson/"
                    + id(consent.person(), consent.onBehalfOf().authority().value())));
        } else {
            shown.addPerformer(new Reference("Patient/" + consent.person().value()));
        }
        if (consent.recordedBy() != null && consent.recordedBy().agency() != null) {
            shown.addOrganization(new Reference(
                    "Organization/" + consent.recordedBy().agency().value()));
        }
        boolean permits = consent.status() == ConsentState.GIVEN;
        shown.setPolicyRule(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                permits ? "OPTIN" : "OPTOUT",
                permits ? "opt-in" : "opt-out")));
        org.hl7.fhir.r4.model.Consent.ProvisionComponent provision = shown.getProvision();
        provision.setType(
                permits
                        ? org.hl7.fhir.r4.model.Consent.ConsentProvisionType.PERMIT
                        : org.hl7.fhir.r4.model.Consent.ConsentProvisionType.DENY);
        provision.setPeriod(period(consent.start(), consent.end()));
        provision.addPurpose(new Coding(
                PURPOSE_SYSTEM,
                consent.purpose().code(),
                consent.purpose().code().replace('-', ' ')));
        for (Category category : consent.categories()) {
            provision.addCode(new CodeableConcept(
                    new Coding(CATEGORY_SYSTEM, category.code(), category.code().replace('-', ' '))));
        }
        for (Recipient recipient : consent.recipients()) {
            Reference reference = recipient.agency() != null
                    ? new Reference("Organization/" + recipient.agency().value())
                    : new Reference()
                            .setIdentifier(new Identifier()
                                    .setSystem(AGENCY_TYPE_SYSTEM)
                                    .setValue(recipient.type().code()))
                            .setDisplay("every " + recipient.type().code().replace('-', ' '));
            provision
                    .addActor()
                    .setRole(new CodeableConcept(new Coding(
                            "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                            "IRCP",
                            "information recipient")))
                    .setReference(reference);
        }
        return shown;
    }

    private static Period period(LocalDate start, LocalDate end) {
        Period period = new Period();
        if (start != null) {
            period.setStartElement(new DateTimeType(start.toString()));
        }
        if (end != null) {
            period.setEndElement(new DateTimeType(end.toString()));
        }
        return period;
    }
}
