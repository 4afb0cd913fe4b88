package org.ecarehub.identity.internal;

import java.util.List;
import org.ecarehub.shared.Username;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A bearer token accepted for an active staff account. */
final class StaffTokenAuthentication extends AbstractAuthenticationToken {

    private final Username username;
    private final Jwt token;

    StaffTokenAuthentication(Username username, Jwt token) {
        super(List.of(new SimpleGrantedAuthority("STAFF")));
        this.username = username;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return username;
    }

    @Override
    public String getName() {
        return username.value();
    }

    /** The purpose claim of the token, or null. */
    String purposeClaim() {
        return token.getClaimAsString("purpose");
    }
}
