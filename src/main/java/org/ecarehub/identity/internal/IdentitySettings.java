package org.ecarehub.identity.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The settings identity reads; see the configuration table in the README. */
@ConfigurationProperties("ecare.identity")
record IdentitySettings(
        Duration tokenLifetime, String oidcUsernameClaim, int lockoutFailures, Duration lockoutDuration) {}
