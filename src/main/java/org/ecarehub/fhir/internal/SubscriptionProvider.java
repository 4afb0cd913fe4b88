package org.ecarehub.fhir.internal;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.Optional;
import org.ecarehub.identity.ApiCaller;
import org.ecarehub.partnership.Partnerships;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Subscription;

/**
 * An agency system's own rest-hook subscription, read from the partnership file (decision 0030). Another agency's
 * subscription, and any subscription to a staff caller, does not exist for the caller: 404 as for a missing id. The
 * partnership file is the only place a subscription is made, changed or ended, so every write answers 405.
 */
final class SubscriptionProvider implements IResourceProvider {

    static final String CONFIGURED_IN_PARTNERSHIP_FILE = "configured-in-partnership-file";

    private final Partnerships partnerships;
    private final FhirCallers callers;
    private final String fhirBase;

    SubscriptionProvider(Partnerships partnerships, FhirCallers callers, String fhirBase) {
        this.partnerships = partnerships;
        this.callers = callers;
        this.fhirBase = fhirBase;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return Subscription.class;
    }

    @Read
    public Subscription read(@IdParam IdType id, RequestDetails request) {
        return own(request)
                .filter(subscription -> subscription.getIdElement().getIdPart().equals(id.getIdPart()))
                .orElseThrow(Outcomes::notFound);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenParam id, RequestDetails request) {
        return Paging.page(
                request,
                own(request)
                        .filter(subscription -> DirectoryProviders.idMatches(
                                subscription.getIdElement().getIdPart(), id))
                        .stream()
                        .toList());
    }

    /** The calling agency system's subscription; none for staff, whose agency's system is not theirs to inspect. */
    private Optional<Subscription> own(RequestDetails request) {
        ApiCaller caller = callers.reading(request, "Subscription");
        if (!(caller instanceof ApiCaller.AgencySystem system)) {
            return Optional.empty();
        }
        return partnerships
                .current()
                .partnership()
                .agency(system.system().agency().id())
                .flatMap(agency -> agency.subscriptionIfAny()
                        .map(configured -> SubscriptionResources.subscription(agency, configured, fhirBase)));
    }

    @Create
    public MethodOutcome create(@ResourceParam Subscription subscription, RequestDetails request) {
        throw configuredInThePartnershipFile(request);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Subscription subscription, RequestDetails request) {
        throw configuredInThePartnershipFile(request);
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id, RequestDetails request) {
        throw configuredInThePartnershipFile(request);
    }

    private MethodNotAllowedException configuredInThePartnershipFile(RequestDetails request) {
        // Who asks is checked first, so that an unsigned caller learns nothing but that it must sign in.
        callers.reading(request, "Subscription");
        String text = "subscriptions are configured in the partnership file by the partnership's administrators;"
                + " they cannot be created, changed or deleted through the FHIR API";
        MethodNotAllowedException refused = new MethodNotAllowedException(text);
        refused.setOperationOutcome(
                Outcomes.outcome(OperationOutcome.IssueType.NOTSUPPORTED, CONFIGURED_IN_PARTNERSHIP_FILE, text));
        return refused;
    }
}
