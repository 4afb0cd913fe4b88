package org.ecarehub.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.ecarehub.shared.Username;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The portal's local sign-in: username, password and the 6-digit code in one form, with one answer for every failure.
 * An unknown name costs a password check against a dummy hash and a code check against a dummy secret, so neither the
 * message nor the time taken tells whether an account exists; names are throttled as staff names are.
 */
class PortalSignIn extends AbstractAuthenticationProcessingFilter {

    static final String PATH = "/portal/sign-in";

    private final StoredPortalAccounts accounts;
    private final SignInAttempts attempts;
    private final PasswordEncoder encoder;
    private final HubAddress hub;
    private final Clock clock;
    private final String dummyHash;
    private final String dummySecret = Totp.newSecret();

    PortalSignIn(
            StoredPortalAccounts accounts,
            SignInAttempts attempts,
            PasswordEncoder encoder,
            HubAddress hub,
            Clock clock) {
        super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH));
        this.accounts = accounts;
        this.attempts = attempts;
        this.encoder = encoder;
        this.hub = hub;
        this.clock = clock;
        this.dummyHash = encoder.encode(Totp.newSecret());
        setAuthenticationSuccessHandler(this::succeeded);
        setAuthenticationFailureHandler(this::failed);
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
        String name = value(request.getParameter("username"));
        String password = value(request.getParameter("password"));
        String code = value(request.getParameter("code")).replace(" ", "");
        // The throttle key is the portal's own, so a staff name's failures and a portal name's never add up.
        Optional<StoredPortalAccounts.Secret> secret = Username.parse(name)
                .flatMap(username -> accounts.secret(username.value()))
                .filter(found -> hub.demo() || !found.demo());
        boolean passwordMatches = encoder.matches(
                password, secret.map(StoredPortalAccounts.Secret::passwordHash).orElse(dummyHash));
        long step = Totp.matchingStep(
                secret.map(StoredPortalAccounts.Secret::totpSecret).orElse(dummySecret),
                code,
                clock.instant(),
                secret.map(StoredPortalAccounts.Secret::lastTotpStep).orElse(Long.MAX_VALUE));
        boolean locked = attempts.locked(throttleKey(name));
        if (secret.isEmpty() || !passwordMatches || step < 0 || locked || !accounts.useStep(name, step)) {
            throw new BadCredentialsException("portal sign-in refused");
        }
        return new PortalAuthentication(Username.of(name));
    }

    private void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        attempts.succeeded(throttleKey(value(request.getParameter("username"))));
        response.sendRedirect(request.getContextPath() + "/portal");
    }

    private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        attempts.failed(throttleKey(value(request.getParameter("username"))));
        response.sendRedirect(request.getContextPath() + PATH + "?error");
    }

    static String throttleKey(String name) {
        return "portal:" + name;
    }

    private static String value(String parameter) {
        return parameter == null ? "" : parameter.strip();
    }
}
