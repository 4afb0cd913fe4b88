package org.ecarehub.fhir.internal;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.Locale;
import java.util.function.Predicate;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.StaffAccount;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;

/**
 * Organization, Practitioner and PractitionerRole from the partnership in force. They are not about people the
 * partnership serves, but only signed-in callers may read them, under a purpose their roles allow.
 */
final class DirectoryProviders {

    private DirectoryProviders() {}

    /** Names match case-insensitively from their start, as FHIR string search does by default. */
    static boolean startsWith(String text, StringParam param) {
        if (param == null) {
            return true;
        }
        if (text == null) {
            return false;
        }
        String wanted = param.getValue().toLowerCase(Locale.ROOT);
        return param.isExact()
                ? text.equals(param.getValue())
                : text.toLowerCase(Locale.ROOT).startsWith(wanted);
    }

    static boolean idMatches(String id, TokenParam param) {
        return param == null || id.equals(param.getValue());
    }

    static boolean references(String id, String type, ReferenceParam param) {
        if (param == null) {
            return true;
        }
        String wanted = param.getIdPart();
        return id.equals(wanted) && (param.getResourceType() == null || type.equals(param.getResourceType()));
    }

    static final class Organizations implements IResourceProvider {

        private final Partnerships partnerships;
        private final FhirCallers callers;

        Organizations(Partnerships partnerships, FhirCallers callers) {
            this.partnerships = partnerships;
            this.callers = callers;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Organization.class;
        }

        @Read
        public Organization read(@IdParam IdType id, RequestDetails request) {
            callers.reading(request, "Organization");
            return partnerships.current().partnership().agencies().stream()
                    .filter(agency -> agency.id().value().equals(id.getIdPart()))
                    .findFirst()
                    .map(PartnershipResources::organization)
                    .orElseThrow(Outcomes::notFound);
        }

        @Search
        public IBundleProvider search(
                @OptionalParam(name = "_id") TokenParam id,
                @OptionalParam(name = Organization.SP_NAME) StringParam name,
                RequestDetails request) {
            callers.reading(request, "Organization");
            Predicate<Agency> wanted = agency -> idMatches(agency.id().value(), id) && startsWith(agency.name(), name);
            return Paging.page(
                    request,
                    partnerships.current().partnership().agencies().stream()
                            .filter(wanted)
                            .map(PartnershipResources::organization)
                            .toList());
        }
    }

    static final class Practitioners implements IResourceProvider {

        private final Partnerships partnerships;
        private final FhirCallers callers;

        Practitioners(Partnerships partnerships, FhirCallers callers) {
            this.partnerships = partnerships;
            this.callers = callers;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Practitioner.class;
        }

        @Read
        public Practitioner read(@IdParam IdType id, RequestDetails request) {
            callers.reading(request, "Practitioner");
            return account(partnerships.current().partnership(), id)
                    .map(PartnershipResources::practitioner)
                    .orElseThrow(Outcomes::notFound);
        }

        @Search
        public IBundleProvider search(
                @OptionalParam(name = "_id") TokenParam id,
                @OptionalParam(name = Practitioner.SP_NAME) StringParam name,
                RequestDetails request) {
            callers.reading(request, "Practitioner");
            Predicate<StaffAccount> wanted =
                    account -> idMatches(account.username().value(), id) && startsWith(account.displayName(), name);
            return Paging.page(
                    request,
                    partnerships.current().partnership().staff().stream()
                            .filter(wanted)
                            .map(PartnershipResources::practitioner)
                            .toList());
        }
    }

    static final class PractitionerRoles implements IResourceProvider {

        private final Partnerships partnerships;
        private final FhirCallers callers;

        PractitionerRoles(Partnerships partnerships, FhirCallers callers) {
            this.partnerships = partnerships;
            this.callers = callers;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return PractitionerRole.class;
        }

        @Read
        public PractitionerRole read(@IdParam IdType id, RequestDetails request) {
            callers.reading(request, "PractitionerRole");
            Partnership partnership = partnerships.current().partnership();
            return account(partnership, id)
                    .map(account -> PartnershipResources.practitionerRole(partnership, account))
                    .orElseThrow(Outcomes::notFound);
        }

        @Search
        public IBundleProvider search(
                @OptionalParam(name = "_id") TokenParam id,
                @OptionalParam(name = PractitionerRole.SP_PRACTITIONER) ReferenceParam practitioner,
                @OptionalParam(name = PractitionerRole.SP_ORGANIZATION) ReferenceParam organization,
                RequestDetails request) {
            callers.reading(request, "PractitionerRole");
            Partnership partnership = partnerships.current().partnership();
            Predicate<StaffAccount> wanted =
                    account -> idMatches(account.username().value(), id)
                            && references(account.username().value(), "Practitioner", practitioner)
                            && references(account.agency().value(), "Organization", organization);
            return Paging.page(
                    request,
                    partnership.staff().stream()
                            .filter(wanted)
                            .map(account -> PartnershipResources.practitionerRole(partnership, account))
                            .toList());
        }
    }

    private static java.util.Optional<StaffAccount> account(Partnership partnership, IdType id) {
        return partnership.staff().stream()
                .filter(account -> account.username().value().equals(id.getIdPart()))
                .findFirst();
    }
}
