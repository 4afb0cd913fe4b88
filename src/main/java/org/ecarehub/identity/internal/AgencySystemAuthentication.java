package org.ecarehub.identity.internal;

import java.util.List;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A bearer token accepted for an active agency's own system, on its own or on behalf of one of its staff accounts.
 *
 * @param onBehalfOf the staff account the system acts for, or null
 */
final class AgencySystemAuthentication extends AbstractAuthenticationToken {

    private final AgencyId agency;
    private final String clientId;
    private final Username onBehalfOf;
    private final Jwt token;

    AgencySystemAuthentication(AgencyId agency, String clientId, Username onBehalfOf, Jwt token) {
        super(List.of(new SimpleGrantedAuthority("AGENCY_SYSTEM")));
        this.agency = agency;
        this.clientId = clientId;
        this.onBehalfOf = onBehalfOf;
        this.token = token;
        setAuthenticated(true);
    }

    AgencyId agency() {
        return agency;
    }

    Username onBehalfOf() {
        return onBehalfOf;
    }

    /** The purpose claim of the token, or null. */
    String purposeClaim() {
        return token.getClaimAsString("purpose");
    }

    /** The scopes granted, or null for an operator's token from {@code /internal/token}, which has none. */
    String scopeClaim() {
        return token.getClaimAsString("scope");
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
        return clientId;
    }
}
