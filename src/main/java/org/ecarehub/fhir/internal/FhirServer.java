package org.ecarehub.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.IServerAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.ecarehub.identity.AgencySystemTokens;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HAPI FHIR plain server at {@code /fhir}: R4, JSON by default, answers never cached, every request body read
 * within {@link RequestLimits}, its own address taken from {@code ecare.base-url} (never from the caller's Host
 * header), and a capability statement that names only what is served, with the SMART Backend Services token endpoint.
 */
final class FhirServer extends RestfulServer {

    static final String SMART_CONFIGURATION = "/.well-known/smart-configuration";
    private static final String REQUEST_ID = "X-Request-ID";
    private static final String REQUEST_ID_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final transient List<IResourceProvider> providers;
    private final transient List<FhirExtension> extensions;
    private final transient AgencySystemTokens tokens;
    private final transient RequestLimits limits;
    private final String baseUrl;

    FhirServer(
            List<IResourceProvider> providers,
            List<FhirExtension> extensions,
            AgencySystemTokens tokens,
            String baseUrl) {
        this.providers = List.copyOf(providers);
        this.extensions = extensions.stream()
                .sorted(Comparator.comparingInt(FhirExtension::order))
                .toList();
        this.tokens = tokens;
        // Without it HAPI would read any body whole, and inflate any gzip body whole: the server does not start bare.
        this.limits = extensions.stream()
                .filter(RequestLimits.class::isInstance)
                .map(RequestLimits.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the FHIR server needs its RequestLimits extension"));
        this.baseUrl = SubscriptionNotifications.stripSlash(baseUrl) + "/fhir";
    }

    @Override
    protected void initialize() throws ServletException {
        setFhirContext(FhirContext.forR4Cached());
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setServerAddressStrategy(new ConfiguredAddress(baseUrl));
        setServerName("eCare Hub");
        String version = FhirServer.class.getPackage().getImplementationVersion();
        setServerVersion(version == null ? "development build" : version);
        setImplementationDescription("eCare Hub: the partnership's shared record over FHIR R4");
        List<IResourceProvider> served = new ArrayList<>(providers);
        extensions.forEach(extension -> served.addAll(extension.resourceProviders()));
        setResourceProviders(served);
        extensions.forEach(extension -> extension.plainProviders().forEach(this::registerProvider));
        registerInterceptor(new RefusalsAsOutcomes(limits));
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

    /**
     * A request id (the {@code X-Request-ID} answered, to find a request in the hub's log lines) from a fast random
     * source: it correlates, it guards nothing, and HAPI's default draws on the platform's secure random for each.
     */
    @Override
    protected String newRequestId(int length) {
        char[] id = new char[length];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            id[i] = REQUEST_ID_LETTERS.charAt(random.nextInt(REQUEST_ID_LETTERS.length()));
        }
        return new String(id);
    }

    /** The request id answered as {@code X-Request-ID}; HAPI's own copies every request header to match its case. */
    @Override
    protected void addRequestIdToResponse(ServletRequestDetails details, String requestId) {
        details.getResponse().addHeader(REQUEST_ID, requestId);
    }

    /** Request details whose body is read only through {@link RequestLimits#body}, whatever part of HAPI asks. */
    @Override
    protected ServletRequestDetails newRequestDetails(
            RequestTypeEnum type, HttpServletRequest request, HttpServletResponse response) {
        ServletRequestDetails details = new ServletRequestDetails(getInterceptorService()) {
            @Override
            protected byte[] getByteStreamRequestContents() {
                return limits.body(getServletRequest());
            }
        };
        details.setServer(this);
        details.setRequestType(type);
        details.setServletRequest(request);
        details.setServletResponse(response);
        return details;
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

    /**
     * The hub's address as configured, for {@code fullUrl}, {@code Location} and the statement's
     * {@code implementation.url}: HAPI's default takes it from the Host header, which the caller writes. Only a port 0
     * (the test's "any free port", unknown until the server listens) is filled in, from the port the server itself
     * listens on.
     */
    static final class ConfiguredAddress implements IServerAddressStrategy {

        private final URI base;

        ConfiguredAddress(String base) {
            try {
                this.base = new URI(base);
            } catch (URISyntaxException notAUrl) {
                throw new IllegalArgumentException("ecare.base-url is not a URL: " + base, notAUrl);
            }
            if (this.base.getScheme() == null || this.base.getHost() == null) {
                throw new IllegalArgumentException("ecare.base-url must be an absolute http(s) URL: " + base);
            }
        }

        @Override
        public String determineServerBase(ServletContext context, HttpServletRequest request) {
            if (base.getPort() != 0 || request == null) {
                return base.toString();
            }
            try {
                return new URI(
                                base.getScheme(),
                                base.getUserInfo(),
                                base.getHost(),
                                request.getLocalPort(),
                                base.getPath(),
                                null,
                                null)
                        .toString();
            } catch (URISyntaxException cannotHappen) {
                throw new IllegalStateException("the configured base URL stopped being a URL", cannotHappen);
            }
        }
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
                // Every update names the version it was made from (If-Match or meta.versionId), or it is refused 412.
                rest.getResource().stream()
                        .filter(resource -> resource.getInteraction().stream()
                                .anyMatch(interaction ->
                                        interaction.getCode() == CapabilityStatement.TypeRestfulInteraction.UPDATE))
                        .forEach(resource ->
                                resource.setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONEDUPDATE));
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
