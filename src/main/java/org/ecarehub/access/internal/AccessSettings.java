package org.ecarehub.access.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The access module's settings ({@code ecare.access.*}).
 *
 * @param cachePoll how often a node looks for changes made by other nodes; well under the second the issue allows
 * @param gapWait how long a missing change number is looked for again: a transaction that took its number earlier may
 *     commit after one that took a later number
 * @param changeRetention how long change rows are kept before any node deletes them
 * @param cacheSize at most this many people's facts are kept; past it the cache is emptied and refilled as used
 */
@ConfigurationProperties("ecare.access")
record AccessSettings(
        @DefaultValue("250ms") Duration cachePoll,
        @DefaultValue("30s") Duration gapWait,
        @DefaultValue("1h") Duration changeRetention,
        @DefaultValue("200000") int cacheSize) {}
