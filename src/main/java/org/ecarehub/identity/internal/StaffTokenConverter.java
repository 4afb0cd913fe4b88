package org.ecarehub.identity.internal;

import org.ecarehub.partnership.Partnerships;
import org.ecarehub.shared.Username;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Accepts a valid token only for a staff account active in the partnership in force, checked on every request, so
 * that deactivating an account stops its tokens at once.
 */
@Component
class StaffTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final Partnerships partnerships;
    private final HubAddress hub;
    private final IdentitySettings settings;

    StaffTokenConverter(Partnerships partnerships, HubAddress hub, IdentitySettings settings) {
        this.partnerships = partnerships;
        this.hub = hub;
        this.settings = settings;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String claim = hub.externalIssuer() ? settings.oidcUsernameClaim() : "sub";
        String name = jwt.getClaimAsString(claim);
        Username username = Username.parse(name == null ? "" : name)
                .filter(candidate -> partnerships.activeStaff(candidate).isPresent())
                .orElseThrow(() -> new InvalidBearerTokenException("the token names no active staff account"));
        return new StaffTokenAuthentication(username, jwt);
    }
}
