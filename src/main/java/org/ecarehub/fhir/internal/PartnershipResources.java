package org.ecarehub.fhir.internal;

import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Role;
import org.ecarehub.partnership.StaffAccount;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;

/** The partnership's agencies and staff as FHIR resources: who they are and where they work, nothing more. */
final class PartnershipResources {

    static final String AGENCY_SYSTEM = "urn:ecare:agency";
    static final String AGENCY_TYPE_SYSTEM = "urn:ecare:agency-type";
    static final String STAFF_SYSTEM = "urn:ecare:staff";
    static final String ROLE_SYSTEM = "urn:ecare:role";
    static final String TEAM_SYSTEM = "urn:ecare:team";
    static final String TEAM_EXTENSION = "urn:ecare:fhir:StructureDefinition:team";

    private PartnershipResources() {}

    static Organization organization(Agency agency) {
        Organization organization = new Organization();
        organization.setId(agency.id().value());
        organization.addIdentifier(
                new Identifier().setSystem(AGENCY_SYSTEM).setValue(agency.id().value()));
        organization.setActive(agency.active());
        organization.setName(agency.name());
        organization.addType(
                new CodeableConcept(new Coding(AGENCY_TYPE_SYSTEM, agency.type().code(), null)));
        return organization;
    }

    /** A member of staff shows their name and, through their identifier's assigner, their agency only. */
    static Practitioner practitioner(StaffAccount account) {
        Practitioner practitioner = new Practitioner();
        practitioner.setId(account.username().value());
        practitioner.addIdentifier(new Identifier()
                .setSystem(STAFF_SYSTEM)
                .setValue(account.username().value())
                .setAssigner(organizationReference(account)));
        practitioner.setActive(account.active());
        practitioner.addName(new HumanName().setText(account.displayName()));
        return practitioner;
    }

    static PractitionerRole practitionerRole(Partnership partnership, StaffAccount account) {
        PractitionerRole role = new PractitionerRole();
        role.setId(account.username().value());
        role.setActive(account.active());
        role.setPractitioner(new Reference("Practitioner/" + account.username().value()));
        role.setOrganization(organizationReference(account));
        for (Role held : partnership.rolesOf(account)) {
            role.addCode(new CodeableConcept(new Coding(ROLE_SYSTEM, held.id().value(), held.name())));
        }
        partnership
                .teamsOf(account)
                .forEach(team -> role.addExtension(new Extension(
                        TEAM_EXTENSION, new Coding(TEAM_SYSTEM, team.id().value(), team.name()))));
        return role;
    }

    private static Reference organizationReference(StaffAccount account) {
        return new Reference("Organization/" + account.agency().value());
    }
}
