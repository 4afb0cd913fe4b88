package org.ecarehub.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.ecarehub.partnership.Partnerships;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Three ways in: bearer tokens for the API, the token endpoint for {@code ./ecare token}, and form sign-in with a
 * session for pages. Everything not named here needs a signed-in member of staff.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** Tokens remembered as verified: far more than the staff and systems signed in at once, about 1 KiB each. */
    private static final long VERIFIED_TOKENS = 20_000;

    private static final String[] PUBLIC_PAGES = {
        "/",
        "/sign-in",
        "/error",
        "/assets/**",
        "/webjars/**",
        "/css/**",
        "/js/**",
        "/favicon.ico",
        "/actuator/health",
        "/actuator/health/**"
    };

    /**
     * Spring Security's strict firewall with its header rules checked without regular expressions ({@link HeaderText}):
     * the same rules, at a fraction of the cost on every read of a header.
     */
    @Bean
    WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderText::allowedName);
        firewall.setAllowedHeaderValues(HeaderText::allowedValue);
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * No observations of Spring Security's filters, authentications and authorizations: their timers wrapped each of
     * the chain's filters on every request (about a tenth of a FHIR read's work) and no one reads them; the HTTP
     * server's own timers ({@code http.server.requests}) still count and time every request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    JwtDecoder jwtDecoder(HubAddress hub, EmbeddedTokenIssuer issuer) {
        // The system clock, as JwtTimestampValidator's own: a test that moves the hub's clock on does not age tokens.
        return new VerifiedTokens(verifier(hub, issuer), Clock.systemUTC(), CLOCK_SKEW, VERIFIED_TOKENS);
    }

    private static JwtDecoder verifier(HubAddress hub, EmbeddedTokenIssuer issuer) {
        NimbusJwtDecoder own =
                NimbusJwtDecoder.withPublicKey(issuer.publicKey()).build();
        own.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(CLOCK_SKEW), new JwtIssuerValidator(hub.baseUrl())));
        if (!hub.externalIssuer()) {
            return own;
        }
        // Resolved on first use, so the hub starts even while the issuer is briefly unreachable.
        JwtDecoder external = new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(hub.issuer()));
        // Agency systems' client-credentials tokens are the hub's own even beside an external issuer: the unverified
        // issuer only picks the key, and each decoder then checks the signature and the issuer itself.
        return token -> hub.baseUrl().equals(unverifiedIssuer(token)) ? own.decode(token) : external.decode(token);
    }

    private static String unverifiedIssuer(String token) {
        try {
            return com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (java.text.ParseException e) {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("the token is not a JWT", e);
        }
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokenConverter converter) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(converter)));
        return http.build();
    }

    @Bean
    @Order(0)
    SecurityFilterChain transparencyLogChain(HttpSecurity http, ApiTokenConverter converter) throws Exception {
        // Tree heads, proofs and the key are public so that anyone can check the log; the entries need a staff
        // token, and the endpoint itself checks that the caller's roles may use the audit purpose.
        http.securityMatcher("/log/v1/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/log/v1/get-entries")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(converter)));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain fhirChain(HttpSecurity http, ApiTokenConverter converter) throws Exception {
        // The capability statement and the SMART configuration tell an outside system how to sign in, so they need
        // none; every other FHIR request needs a bearer token. A refusal is an OperationOutcome, as FHIR clients
        // expect, written here as plain JSON so that no FHIR library reaches this module.
        http.securityMatcher("/fhir/**")
                // No session, so nothing to sign out of and no request to save for after a sign-in page; nothing
                // here asks the servlet request who is signed in (FhirCallers reads the security context).
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .servletApi(servlet -> servlet.disable())
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers("/fhir/metadata", "/fhir/.well-known/smart-configuration")
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(SecurityConfiguration::fhirUnauthorized));
        return http.build();
    }

    private static void fhirUnauthorized(
            jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.core.AuthenticationException refused)
            throws java.io.IOException {
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter()
                .write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                        + "\"code\":\"login\",\"details\":{\"coding\":[{\"system\":\"urn:ecare:error\","
                        + "\"code\":\"unauthorized\"}],\"text\":\"a valid bearer token is needed\"}}]}");
    }

    @Bean
    @Order(2)
    SecurityFilterChain tokenEndpointChain(HttpSecurity http) throws Exception {
        // Not a browser endpoint: the caller proves itself with the data-directory secret, or with a signed client
        // assertion, checked by the endpoint.
        http.securityMatcher("/internal/token", ClientCredentialsEndpoint.PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pagesChain(
            HttpSecurity http, StaffSignIn signIn, PasswordEncoder encoder, Partnerships partnerships)
            throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(signIn);
        provider.setPasswordEncoder(encoder);
        AuthenticationManager manager = new ProviderManager(List.of(provider));
        IpAddressMatcher ipv4Loopback = new IpAddressMatcher("127.0.0.0/8");
        IpAddressMatcher ipv6Loopback = new IpAddressMatcher("::1");
        http.authenticationManager(manager)
                .authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_PAGES)
                        .permitAll()
                        .requestMatchers("/actuator/prometheus")
                        .access((authentication, context) ->
                                new org.springframework.security.authorization.AuthorizationDecision(
                                        ipv4Loopback.matches(context.getRequest())
                                                || ipv6Loopback.matches(context.getRequest())))
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/sign-in")
                        .loginProcessingUrl("/sign-in")
                        .usernameParameter(StaffSignIn.USERNAME_PARAMETER)
                        .passwordParameter("password")
                        .successHandler(signIn)
                        .failureHandler(signIn)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/sign-out")
                        .logoutSuccessUrl("/?signed-out")
                        .permitAll())
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterBefore(new ActiveAccountFilter(partnerships), AuthorizationFilter.class)
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        (request, response, e) -> response.sendRedirect(request.getContextPath() + "/sign-in"),
                        request -> true))
                .headers(headers -> headers.frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .contentTypeOptions(options -> {}));
        return http.build();
    }
}
