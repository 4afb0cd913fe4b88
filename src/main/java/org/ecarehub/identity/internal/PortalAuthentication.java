package org.ecarehub.identity.internal;

import java.util.List;
import org.ecarehub.shared.Username;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A portal account signed in through the portal's own sign-in. Its name carries a {@code portal:} prefix, which is no
 * username, so nothing that looks a staff account up by name can ever take it for one.
 */
final class PortalAuthentication extends AbstractAuthenticationToken {

    static final String AUTHORITY = "PORTAL";

    private final String account;

    PortalAuthentication(Username account) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.account = account.value();
        setAuthenticated(true);
    }

    Username account() {
        return Username.of(account);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return account;
    }

    @Override
    public String getName() {
        return "portal:" + account;
    }
}
