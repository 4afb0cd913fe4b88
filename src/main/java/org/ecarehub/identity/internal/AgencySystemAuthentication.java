package org.ecarehub.identity.internal;

import java.util.List;
import org.ecarehub.shared.AgencyId;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A bearer token accepted for an active agency's own system. */
final class AgencySystemAuthentication extends AbstractAuthenticationToken {

    private final AgencyId agency;
    private final Jwt token;

    AgencySystemAuthentication(AgencyId agency, Jwt token) {
        super(List.of(new SimpleGrantedAuthority("AGENCY_SYSTEM")));
        this.agency = agency;
        this.token = token;
        setAuthenticated(true);
    }

    AgencyId agency() {
        return agency;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return agency;
    }

    @Override
    public String getName() {
        return EmbeddedTokenIssuer.clientIdOf(agency);
    }
}
