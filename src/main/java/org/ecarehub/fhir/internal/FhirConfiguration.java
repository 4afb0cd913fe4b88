package org.ecarehub.fhir.internal;

import java.time.Clock;
import java.util.List;
import org.ecarehub.access.InvolvementDirectory;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.identity.AgencySystemTokens;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.record.Assessments;
import org.ecarehub.record.Records;
import org.ecarehub.request.ServiceRequests;
import org.ecarehub.shared.Admission;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionOperations;

/** Registers the FHIR server as a servlet at {@code /fhir/*}, behind identity's bearer-token filter chain. */
@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    /**
     * Turns for FHIR requests ({@link Admission}), before the bearer-token chain; {@code ecare.fhir.concurrent-requests}
     * of them at once, by default twice the processors; 0 turns admission off.
     */
    @Bean
    FilterRegistrationBean<AdmissionFilter> fhirAdmission(
            @Value("${ecare.fhir.concurrent-requests:-1}") int concurrentRequests) {
        int turns = concurrentRequests < 0 ? 2 * Runtime.getRuntime().availableProcessors() : concurrentRequests;
        FilterRegistrationBean<AdmissionFilter> registration =
                new FilterRegistrationBean<>(new AdmissionFilter(new Admission(Math.max(1, turns))));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setEnabled(turns > 0);
        return registration;
    }

    @Bean
    ServletRegistrationBean<FhirServer> fhirServlet(
            Partnerships partnerships,
            FhirCallers callers,
            ObjectProvider<PersonDirectory> directory,
            ObjectProvider<InvolvementDirectory> involvements,
            ObjectProvider<Records> records,
            ObjectProvider<Assessments> assessments,
            ObjectProvider<ServiceRequests> requests,
            ObjectProvider<ProtectionMessages> messages,
            TransactionOperations transactions,
            AgencySystemTokens tokens,
            Clock clock,
            ObjectProvider<FhirExtension> extensions,
            Includes includes,
            @Value("${ecare.base-url:http://localhost:8080}") String baseUrl) {
        List<ca.uhn.fhir.rest.server.IResourceProvider> providers = new java.util.ArrayList<>(List.of(
                new DirectoryProviders.Organizations(partnerships, callers),
                new DirectoryProviders.Practitioners(partnerships, callers),
                new DirectoryProviders.PractitionerRoles(partnerships, callers),
                new SubscriptionProvider(
                        partnerships, callers, SubscriptionNotifications.stripSlash(baseUrl) + "/fhir")));
        // Patient is served only once the access module provides its directory: the capability statement must not
        // promise a resource nobody answers for.
        directory.ifAvailable(found -> providers.add(new Patients(found, callers, includes)));
        involvements.ifAvailable(found -> providers.addAll(List.of(
                new InvolvementProviders.CareTeams(found, partnerships, callers, clock, includes),
                new InvolvementProviders.RelatedPersons(found, callers, clock, includes),
                new InvolvementProviders.Consents(found, callers, clock, includes))));
        records.ifAvailable(found -> providers.addAll(List.of(
                new RecordProviders.Flags(found, callers, includes),
                new RecordProviders.CarePlans(found, callers, includes))));
        assessments.ifAvailable(found -> providers.addAll(List.of(
                new RecordProviders.Questionnaires(callers),
                new RecordProviders.QuestionnaireResponses(
                        records.getObject(), found, callers, transactions, includes))));
        requests.ifAvailable(found ->
                providers.add(new RequestProviders.ServiceRequestProvider(found, partnerships, callers, includes)));
        messages.ifAvailable(
                found -> providers.add(new ProtectionProviders.Communications(found, partnerships, callers, includes)));
        ServiceRequests requestsServed = requests.getIfAvailable();
        ProtectionMessages messagesServed = messages.getIfAvailable();
        if (requestsServed != null || messagesServed != null) {
            providers.add(new RequestProviders.Tasks(
                    requestsServed,
                    messagesServed == null ? null : new ProtectionProviders.RoutingTasks(messagesServed, partnerships),
                    partnerships,
                    callers,
                    includes));
        }
        ServletRegistrationBean<FhirServer> registration = new ServletRegistrationBean<>(
                new FhirServer(providers, extensions.stream().toList(), tokens, baseUrl), "/fhir/*");
        registration.setName("fhir");
        // HAPI builds its model of R4 when the servlet starts, seconds of work: on the first request, not at start-up.
        registration.setLoadOnStartup(-1);
        return registration;
    }
}
