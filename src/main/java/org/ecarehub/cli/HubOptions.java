package org.ecarehub.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags shared by {@code serve} and {@code demo}, each with an environment variable of the same name. */
final class HubOptions {

    @Option(
            names = "--port",
            defaultValue = "${env:ECARE_PORT:-8080}",
            description = "HTTP port (ECARE_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    DatabaseOptions storage;

    @Option(
            names = "--partnership",
            defaultValue = "${env:ECARE_PARTNERSHIP}",
            description = "Partnership file to apply at start (ECARE_PARTNERSHIP).")
    Path partnership;

    @Option(
            names = "--oidc-issuer",
            defaultValue = "${env:ECARE_OIDC_ISSUER}",
            description = "External OpenID Connect issuer for staff tokens (ECARE_OIDC_ISSUER).")
    String oidcIssuer;

    @Option(
            names = "--smtp-url",
            defaultValue = "${env:ECARE_SMTP_URL}",
            description = "SMTP server for notifications, smtp://host:port (ECARE_SMTP_URL).")
    String smtpUrl;

    @Option(
            names = "--log-key-file",
            defaultValue = "${env:ECARE_LOG_KEY_FILE}",
            description =
                    "Signing key of the transparency log (ECARE_LOG_KEY_FILE); generated in the data directory when absent.")
    Path logKeyFile;

    @Option(
            names = "--base-url",
            defaultValue = "${env:ECARE_BASE_URL}",
            description = "Public address of the hub (ECARE_BASE_URL), default http://localhost:PORT.")
    String baseUrl;

    @Option(
            names = "--log-format",
            defaultValue = "${env:ECARE_LOG_FORMAT:-text}",
            description = "Log format on standard error: text or json (ECARE_LOG_FORMAT, default ${DEFAULT-VALUE}).")
    LogFormat logFormat;

    enum LogFormat {
        text,
        json
    }

    DatabaseTarget database() {
        return storage.database();
    }

    Path dataDir() {
        return storage.dataDir;
    }

    String effectiveBaseUrl() {
        return baseUrl != null && !baseUrl.isBlank() ? baseUrl : "http://localhost:" + port;
    }

    /** The Spring properties these flags set. */
    Map<String, Object> properties(String mode) {
        DatabaseTarget database = database();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("ecare.mode", mode);
        properties.put("ecare.data-dir", dataDir().toAbsolutePath().normalize().toString());
        properties.put("ecare.base-url", effectiveBaseUrl());
        properties.put("spring.datasource.url", database.url());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password());
        if (partnership != null) {
            properties.put(
                    "ecare.partnership-file", partnership.toAbsolutePath().toString());
        }
        if (oidcIssuer != null && !oidcIssuer.isBlank()) {
            properties.put("ecare.oidc-issuer", oidcIssuer);
        }
        if (smtpUrl != null && !smtpUrl.isBlank()) {
            properties.put("ecare.smtp-url", smtpUrl);
        }
        if (logKeyFile != null) {
            properties.put("ecare.log-key-file", logKeyFile.toAbsolutePath().toString());
        }
        return properties;
    }
}
