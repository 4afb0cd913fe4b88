package org.ecarehub.person.population;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a synthetic population is made: the day ages are counted to (fixed, so that a seed gives the same people on
 * any day) and the rate of each {@link RecordingError}; a kind left out has the rate 0.
 */
public record Settings(LocalDate asOf, Map<RecordingError, Double> errorRates) {

    /** The day the default population's ages are counted to: everyone is born 1925 to 2025. */
    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 1, 1);

    public Settings {
        Objects.requireNonNull(asOf, "as of");
        EnumMap<RecordingError, Double> rates = new EnumMap<>(RecordingError.class);
        for (RecordingError kind : RecordingError.values()) {
            double rate = errorRates.getOrDefault(kind, 0.0);
            if (!(rate >= 0.0 && rate <= 1.0)) {
                throw new IllegalArgumentException("The rate of " + kind + " is " + rate + ", not between 0 and 1");
            }
            rates.put(kind, rate);
        }
        errorRates = Collections.unmodifiableMap(rates);
    }

    /** Every error at its {@link RecordingError#defaultRate() default rate}. */
    public static Settings defaults() {
        EnumMap<RecordingError, Double> rates = new EnumMap<>(RecordingError.class);
        for (RecordingError kind : RecordingError.values()) {
            rates.put(kind, kind.defaultRate());
        }
        return new Settings(DEFAULT_AS_OF, rates);
    }

    /** Records exactly as the truth, except for what agencies do not record at all (a CHI outside health, say). */
    public Settings withoutErrors() {
        return new Settings(asOf, Map.of());
    }

    public Settings withRate(RecordingError kind, double rate) {
        EnumMap<RecordingError, Double> rates = new EnumMap<>(errorRates);
        rates.put(kind, rate);
        return new Settings(asOf, rates);
    }

    public Settings withAsOf(LocalDate day) {
        return new Settings(day, errorRates);
    }

    public double rate(RecordingError kind) {
        return errorRates.get(kind);
    }
}
