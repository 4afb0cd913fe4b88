package org.ecarehub.identity.internal;

import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Accepts a valid token only for a staff account, or an agency's system, active in the partnership in force, checked
 * on every request, so that deactivating an account or an agency stops its tokens at once. Tokens for agency systems
 * come from the embedded issuer only.
 */
@Component
class ApiTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final Partnerships partnerships;
    private final HubAddress hub;
    private final IdentitySettings settings;

    ApiTokenConverter(Partnerships partnerships, HubAddress hub, IdentitySettings settings) {
        this.partnerships = partnerships;
        this.hub = hub;
        this.settings = settings;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        if (!hub.externalIssuer()
                && EmbeddedTokenIssuer.AGENCY_SYSTEM.equals(jwt.getClaimAsString(EmbeddedTokenIssuer.CALLER_CLAIM))) {
            return agencySystem(jwt);
        }
        String claim = hub.externalIssuer() ? settings.oidcUsernameClaim() : "sub";
        String name = jwt.getClaimAsString(claim);
        Username username = Username.parse(name == null ? "" : name)
                .filter(candidate -> partnerships.activeStaff(candidate).isPresent())
                .orElseThrow(() -> new InvalidBearerTokenException("the token names no active staff account"));
        return new StaffTokenAuthentication(username, jwt);
    }

    private AbstractAuthenticationToken agencySystem(Jwt jwt) {
        String agency = jwt.getClaimAsString(EmbeddedTokenIssuer.AGENCY_CLAIM);
        AgencyId id;
        try {
            id = AgencyId.of(agency);
        } catch (IllegalArgumentException | NullPointerException notAnAgency) {
            throw new InvalidBearerTokenException("the token names no agency");
        }
        boolean active = partnerships
                .current()
                .partnership()
                .agency(id)
                .map(Agency::active)
                .orElse(false);
        if (!active) {
            throw new InvalidBearerTokenException("the token names no active agency");
        }
        return new AgencySystemAuthentication(id, jwt);
    }
}
