package org.ecarehub.identity.internal;

import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.AgencySystem;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.StaffAccount;
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
        // Only the hub's own key can sign a token whose issuer is the hub (the decoder picks the key by issuer), so
        // the agency-system claims are trusted only then, never from an external issuer.
        if (hub.baseUrl().equals(jwt.getClaimAsString("iss"))
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
        AgencyId id;
        try {
            id = AgencyId.of(jwt.getClaimAsString(EmbeddedTokenIssuer.AGENCY_CLAIM));
        } catch (IllegalArgumentException | NullPointerException notAnAgency) {
            throw new InvalidBearerTokenException("the token names no agency");
        }
        Partnership partnership = partnerships.current().partnership();
        Agency agency = partnership
                .agency(id)
                .filter(Agency::active)
                .orElseThrow(() -> new InvalidBearerTokenException("the token names no active agency"));
        String clientId = jwt.getSubject();
        if (!EmbeddedTokenIssuer.clientIdOf(id).equals(clientId)) {
            // A client-credentials token: the system must still be registered with this agency.
            AgencySystem system = agency.system(clientId == null ? "" : clientId)
                    .orElseThrow(() -> new InvalidBearerTokenException("the token names no registered system"));
            String onBehalf = jwt.getClaimAsString(EmbeddedTokenIssuer.ON_BEHALF_OF_CLAIM);
            if (onBehalf != null) {
                Username username = Username.parse(onBehalf)
                        .flatMap(partnerships::activeStaff)
                        .filter(account -> account.agency().equals(id) && system.onBehalfOfStaff())
                        .map(StaffAccount::username)
                        .orElseThrow(() -> new InvalidBearerTokenException(
                                "the token acts for no active staff account the system may act for"));
                return new AgencySystemAuthentication(id, clientId, username, jwt);
            }
        }
        return new AgencySystemAuthentication(id, clientId, null, jwt);
    }
}
