package org.ecarehub.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The person's portal signs in apart from staff: its own filter chain for {@code /portal/**}, and its own place in the
 * session for who is signed in, so a staff session never reaches a portal page nor a portal session a staff page.
 * Locally (standalone and demo) with a password and a one-time code; in production through the external OpenID
 * Connect provider of {@code ecare.portal.oidc.*}, when local accounts are refused.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurityConfiguration {

    /** The session attribute that holds the portal's sign-in, apart from the staff sign-in's. */
    static final String CONTEXT_KEY = "ECARE_PORTAL_SECURITY_CONTEXT";

    static final String REGISTRATION_ID = "portal";

    @Bean
    @Order(2)
    SecurityFilterChain portalChain(
            HttpSecurity http,
            PortalSettings settings,
            StoredPortalAccounts accounts,
            SignInAttempts attempts,
            PasswordEncoder encoder,
            HubAddress hub,
            Clock clock)
            throws Exception {
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(CONTEXT_KEY);
        http.securityMatcher("/portal", "/portal/**")
                .securityContext(context -> context.securityContextRepository(contexts))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                PortalSignIn.PATH, "/portal/register", "/portal/oauth2/**", "/portal/login/**")
                        .permitAll()
                        .anyRequest()
                        .hasAuthority(PortalAuthentication.AUTHORITY))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.logoutUrl("/portal/sign-out")
                        .logoutSuccessUrl(PortalSignIn.PATH + "?signed-out")
                        .permitAll())
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(
                        (request, response, e) -> response.sendRedirect(request.getContextPath() + PortalSignIn.PATH)))
                .headers(headers -> headers.frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .contentTypeOptions(options -> {}));
        if (settings.external()) {
            http.oauth2Login(login -> login.loginPage(PortalSignIn.PATH)
                    .clientRegistrationRepository(new LazyRegistration(settings.oidc()))
                    .authorizationEndpoint(endpoint -> endpoint.baseUri("/portal/oauth2/authorization"))
                    .redirectionEndpoint(endpoint -> endpoint.baseUri("/portal/login/oauth2/code/*"))
                    .successHandler((request, response, authentication) ->
                            signedInExternally(request, response, authentication, settings, accounts, contexts))
                    .failureHandler((request, response, e) ->
                            response.sendRedirect(request.getContextPath() + PortalSignIn.PATH + "?error")));
        } else {
            PortalSignIn signIn = new PortalSignIn(accounts, attempts, encoder, hub, clock);
            signIn.setSecurityContextRepository(contexts);
            signIn.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
            http.addFilterAt(signIn, UsernamePasswordAuthenticationFilter.class);
        }
        return http.build();
    }

    /** Swaps the provider's sign-in for the portal account it stands for, kept where the portal looks for it. */
    private static void signedInExternally(
            HttpServletRequest request,
            HttpServletResponse response,
            Authentication authentication,
            PortalSettings settings,
            StoredPortalAccounts accounts,
            HttpSessionSecurityContextRepository contexts)
            throws IOException {
        OidcUser user = (OidcUser) authentication.getPrincipal();
        var account = accounts.external(settings.oidc().issuer(), user.getSubject(), user.getEmail());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PortalAuthentication(account));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        response.sendRedirect(request.getContextPath() + "/portal");
    }

    /** Reads the provider's discovery document on first use, so the hub starts while the provider is unreachable. */
    static final class LazyRegistration implements ClientRegistrationRepository {

        private final PortalSettings.Oidc oidc;
        private volatile ClientRegistration registration;

        LazyRegistration(PortalSettings.Oidc oidc) {
            this.oidc = oidc;
        }

        @Override
        public ClientRegistration findByRegistrationId(String registrationId) {
            if (!REGISTRATION_ID.equals(registrationId)) {
                return null;
            }
            if (registration == null) {
                registration = ClientRegistrations.fromIssuerLocation(oidc.issuer())
                        .registrationId(REGISTRATION_ID)
                        .clientId(oidc.clientId())
                        .clientSecret(oidc.clientSecret())
                        .scope("openid", "email")
                        .redirectUri("{baseUrl}/portal/login/oauth2/code/{registrationId}")
                        .build();
            }
            return registration;
        }
    }
}
