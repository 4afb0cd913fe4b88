package org.ecarehub.person.internal;

import java.time.Duration;
import org.ecarehub.person.matching.Thresholds;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The person index's settings ({@code ecare.person.*}): the match and review thresholds, when the model is fitted to
 * the index's records, how long a reviewer's claim on a task lasts, and the cache of people.
 */
@ConfigurationProperties("ecare.person")
record PersonIndexSettings(
        @DefaultValue("0.99") double matchThreshold,
        @DefaultValue("0.5") double reviewThreshold,
        @DefaultValue Fit fit,
        @DefaultValue("30m") Duration claimLifetime,
        @DefaultValue Cache cache) {

    /**
     * @param minimumRecords below this many records the priors are kept: too few pairs of different people to fit to
     * @param threads threads for a fit, which runs in the background beside the hub's work
     */
    record Fit(
            @DefaultValue("1000") int minimumRecords,
            @DefaultValue("1") int threads) {}

    /**
     * @param poll how often a node reads whether another node has changed the index (and so empties its cache)
     * @param size at most this many people are kept; 0 keeps none
     */
    record Cache(
            @DefaultValue("250ms") Duration poll,
            @DefaultValue("200000") int size) {}

    Thresholds thresholds() {
        return new Thresholds(matchThreshold, reviewThreshold);
    }
}
