package org.ecarehub.identity.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the person's portal signs people in: through an external OpenID Connect provider when {@code
 * ecare.portal.oidc.issuer} is set (production), else with local accounts, a password and a one-time code.
 */
@ConfigurationProperties("ecare.portal")
record PortalSettings(Oidc oidc) {

    PortalSettings {
        oidc = oidc == null ? new Oidc(null, null, null) : oidc;
    }

    /** The external provider's issuer and this hub's client registration with it. */
    record Oidc(String issuer, String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "Oidc[" + issuer + ", " + clientId + "]";
        }
    }

    boolean external() {
        return oidc.issuer() != null && !oidc.issuer().isBlank();
    }
}
