package org.ecarehub.fhir.internal;

import java.time.Clock;
import java.util.List;
import org.ecarehub.access.InvolvementDirectory;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.record.Records;
import org.ecarehub.request.ServiceRequests;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The search surface's part of the server: the {@link SearchPolicy} that refuses what no search implements, and
 * {@code Patient/$everything} once the shared record is served.
 */
@Component
class SearchSurface implements FhirExtension {

    private final ObjectProvider<Records> records;
    private final ObjectProvider<InvolvementDirectory> involvements;
    private final ObjectProvider<ServiceRequests> requests;
    private final ObjectProvider<ProtectionMessages> messages;
    private final Partnerships partnerships;
    private final FhirCallers callers;
    private final Clock clock;

    SearchSurface(
            ObjectProvider<Records> records,
            ObjectProvider<InvolvementDirectory> involvements,
            ObjectProvider<ServiceRequests> requests,
            ObjectProvider<ProtectionMessages> messages,
            Partnerships partnerships,
            FhirCallers callers,
            Clock clock) {
        this.records = records;
        this.involvements = involvements;
        this.requests = requests;
        this.messages = messages;
        this.partnerships = partnerships;
        this.callers = callers;
        this.clock = clock;
    }

    @Override
    public List<Object> interceptors() {
        return List.of(new SearchPolicy());
    }

    @Override
    public List<Object> plainProviders() {
        Records served = records.getIfAvailable();
        if (served == null) {
            return List.of();
        }
        return List.of(new EverythingProvider(
                served,
                involvements.getIfAvailable(),
                requests.getIfAvailable(),
                messages.getIfAvailable(),
                partnerships,
                callers,
                clock));
    }
}
