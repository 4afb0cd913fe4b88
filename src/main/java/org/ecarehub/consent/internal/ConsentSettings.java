package org.ecarehub.consent.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The consent module's settings ({@code ecare.consent.*}).
 *
 * @param cachePoll how often each node looks for changes other nodes made; a change reaches every node's cache
 *     within this interval plus one query
 * @param gapPatience how long a node waits for a change number that a slower transaction took but has not committed,
 *     before taking it as rolled back
 */
@ConfigurationProperties("ecare.consent")
record ConsentSettings(
        @DefaultValue("250ms") Duration cachePoll,
        @DefaultValue("10s") Duration gapPatience) {}
