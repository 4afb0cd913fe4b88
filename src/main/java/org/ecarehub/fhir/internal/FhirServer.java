package org.ecarehub.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.identity.AgencySystemTokens;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HAPI FHIR plain server at {@code /fhir}: R4, JSON by default, answers never cached, and a capability statement
 * that names only what is served, with the SMART Backend Services token endpoint.
 */
final class FhirServer extends RestfulServer {

    static final String SMART_CONFIGURATION = "/.well-known/smart-configuration";

    private final transient List<IResourceProvider> providers;
    private final transient List<FhirExtension> extensions;
    private final transient AgencySystemTokens tokens;

    FhirServer(List<IResourceProvider> providers, List<FhirExtension> extensions, AgencySystemTokens tokens) {
        this.providers = List.copyOf(providers);
        this.extensions = extensions.stream()
                .sorted(Comparator.comparingInt(FhirExtension::order))
                .toList();
        this.tokens = tokens;
    }

    @Override
    protected void initialize() throws ServletException {
        setFhirContext(FhirContext.forR4Cached());
        setDefaultResponseEncoding(EncodingEnum.JSON);
        List<IResourceProvider> served = new ArrayList<>(providers);
        extensions.forEach(extension -> served.addAll(extension.resourceProviders()));
        setResourceProviders(served);
        extensions.forEach(extension -> extension.plainProviders().forEach(this::registerProvider));
        registerInterceptor(new RefusalsAsOutcomes());
        extensions.forEach(extension -> extension.interceptors().forEach(this::registerInterceptor));
        setServerConformanceProvider(new Capabilities(this, tokens));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        // Everything here is about people or who may see them: no cache, shared or private, keeps it.
        response.setHeader("Cache-Control", "no-store");
        if (SMART_CONFIGURATION.equals(request.getPathInfo()) && "GET".equals(request.getMethod())) {
            smartConfiguration(response);
            return;
        }
        super.service(request, response);
    }

    private void smartConfiguration(HttpServletResponse response) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_endpoint", tokens.tokenEndpoint());
        body.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        body.put("token_endpoint_auth_signing_alg_values_supported", tokens.signingAlgorithms());
        body.put("grant_types_supported", List.of("client_credentials"));
        body.put("scopes_supported", tokens.scopes());
        body.put("capabilities", List.of("client-confidential-asymmetric", "permission-v2", "permission-v1"));
        response.setStatus(200);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(JsonMapper.builder().build().writeValueAsString(body));
    }

    /** HAPI's own statement, generated from the providers, with the security section a SMART client reads. */
    static final class Capabilities extends ServerCapabilityStatementProvider {

        private final transient AgencySystemTokens tokens;

        Capabilities(RestfulServer server, AgencySystemTokens tokens) {
            super(server);
            this.tokens = tokens;
        }

        @Override
        public IBaseConformance getServerConformance(
                HttpServletRequest request, ca.uhn.fhir.rest.api.server.RequestDetails details) {
            CapabilityStatement statement = (CapabilityStatement) super.getServerConformance(request, details);
            statement.setPublisher("eCare Hub");
            for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
                // Subscription's writes exist only to answer 405 (decision 0030): they are not served, so not claimed.
                rest.getResource().stream()
                        .filter(resource -> resource.getType().equals("Subscription"))
                        .forEach(resource -> resource.getInteraction()
                                .removeIf(interaction ->
                                        interaction.getCode() != CapabilityStatement.TypeRestfulInteraction.READ
                                                && interaction.getCode()
                                                        != CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE));
            }
            for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
                CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
                security.setCors(false);
                security.getService().clear();
                security.addService(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/restful-security-service",
                        "SMART-on-FHIR",
                        "SMART-on-FHIR")));
                // SMART's oauth-uris extension requires an authorize endpoint, which backend services do not have; the
                // SMART configuration document is where clients discover the token endpoint.
                security.setDescription("Bearer tokens: staff tokens from the hub's issuer, or SMART Backend Services"
                        + " client credentials for agency systems at " + tokens.tokenEndpoint() + " (discovery: "
                        + ".well-known/smart-configuration). Purpose of use in the X-Purpose-Of-Use header.");
            }
            return statement;
        }
    }
}
