package org.ecarehub.person;

import java.util.List;
import org.ecarehub.person.matching.Factor;
import org.ecarehub.person.matching.Field;
import org.ecarehub.shared.LogRedactor;

/**
 * What a reviewer sees to decide a task: every field of both records side by side, how far they agree, the weight
 * that agreement carried in the match probability, and the probability itself, from the current versions.
 *
 * @param priorWeight the weight, in bits, of how rare it is that two records are one person before comparing them
 * @param nameFrequencyWeight the weight added or taken away for how rare an exactly agreeing name is
 */
public record Evidence(
        ReviewTask task,
        AgencyRecordVersion first,
        AgencyRecordVersion second,
        double probability,
        double priorWeight,
        double nameFrequencyWeight,
        List<FieldEvidence> fields) {

    public Evidence {
        fields = List.copyOf(fields);
    }

    /**
     * One field of the two records. Fields compared together share a factor, and its weight: family name, date of
     * birth and residence are weighed as one because households and twins share them.
     *
     * @param name the field in words, as a person file names it
     * @param comparedAs the field of the matching model it is compared as
     * @param agreement the level of agreement in words, as the model found it
     * @param factorWeight the weight, in bits, of the factor the field is part of
     */
    public record FieldEvidence(
            String name,
            String first,
            String second,
            Field comparedAs,
            String agreement,
            Factor factor,
            String factorAgreement,
            double factorWeight) {

        @Override
        public String toString() {
            return "FieldEvidence[" + name + ", " + LogRedactor.MASK + ", " + agreement + ", " + factorWeight + "]";
        }
    }
}
