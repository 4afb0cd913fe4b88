package org.ecarehub.identity.internal;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Where the hub keeps its files, what it calls itself, and who issues staff tokens. */
@Component
class HubAddress {

    private final Path dataDir;
    private final String baseUrl;
    private final String oidcIssuer;
    private final boolean demo;

    HubAddress(
            @Value("${ecare.data-dir}") Path dataDir,
            @Value("${ecare.base-url}") String baseUrl,
            @Value("${ecare.oidc-issuer:}") String oidcIssuer,
            @Value("${ecare.mode}") String mode) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.baseUrl = baseUrl;
        this.oidcIssuer = oidcIssuer;
        this.demo = "demo".equals(mode);
    }

    Path identityFile(String name) {
        return dataDir.resolve("identity").resolve(name);
    }

    /** The hub's own address, which issues agency systems' client-credentials tokens even beside an external issuer. */
    String baseUrl() {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String issuer() {
        return externalIssuer() ? oidcIssuer : baseUrl();
    }

    boolean externalIssuer() {
        return !oidcIssuer.isBlank();
    }

    boolean demo() {
        return demo;
    }
}
