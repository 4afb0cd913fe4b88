package org.ecarehub.demo;

import java.util.List;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.matching.PersonRecord;
import org.ecarehub.person.population.SyntheticPopulation;
import org.ecarehub.shared.AgencyId;

/**
 * The demo's synthetic people (DEMO.md "Everyone else"): a generated population as the six agencies the generator
 * knows hold them, with their recording errors, so that lists, searches and the review queue look real. The seed is
 * fixed, so every fresh demo has the same people; the generator never makes a story person's name with their date of
 * birth.
 */
final class DemoPopulation {

    static final long SEED = 2026;

    private DemoPopulation() {}

    static List<AgencyRecord> records(int people) {
        if (people == 0) {
            return List.of();
        }
        return SyntheticPopulation.generate(people, SEED).records().stream()
                .map(sourced -> agencyRecord(sourced.record()))
                .toList();
    }

    private static AgencyRecord agencyRecord(PersonRecord record) {
        return new AgencyRecord(
                new AgencyRecordId(AgencyId.of(record.agency()), record.localId()), Demographics.of(record));
    }
}
