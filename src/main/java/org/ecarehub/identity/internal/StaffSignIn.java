package org.ecarehub.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.shared.Username;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Staff sign-in to pages: an account signs in when it is active in the partnership in force, has a credential the
 * hub's mode accepts, and its name is not locked out.
 */
@Component
class StaffSignIn implements UserDetailsService, AuthenticationSuccessHandler, AuthenticationFailureHandler {

    static final String USERNAME_PARAMETER = "username";

    private final Partnerships partnerships;
    private final StoredCredentials credentials;
    private final SignInAttempts attempts;
    private final HubAddress hub;

    StaffSignIn(Partnerships partnerships, StoredCredentials credentials, SignInAttempts attempts, HubAddress hub) {
        this.partnerships = partnerships;
        this.credentials = credentials;
        this.attempts = attempts;
        this.hub = hub;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var account = Username.parse(username).flatMap(partnerships::activeStaff);
        var credential = account.flatMap(
                        found -> credentials.find(found.username().value()))
                .filter(found -> hub.demo() || !found.demo());
        if (account.isEmpty() || credential.isEmpty()) {
            throw new UsernameNotFoundException("no account that may sign in");
        }
        return User.withUsername(account.get().username().value())
                .password(credential.get().passwordHash())
                .authorities(List.of(new SimpleGrantedAuthority("STAFF")))
                .accountLocked(attempts.locked(username))
                .build();
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        attempts.succeeded(authentication.getName());
        response.sendRedirect(request.getContextPath() + "/home");
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        attempts.failed(request.getParameter(USERNAME_PARAMETER));
        response.sendRedirect(request.getContextPath() + "/sign-in?error");
    }
}
