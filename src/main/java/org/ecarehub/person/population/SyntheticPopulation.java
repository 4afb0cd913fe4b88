package org.ecarehub.person.population;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic population: invented people of South Lanarkshire and the south of Glasgow in households, and the
 * records six agencies hold of them, with the errors real client indexes have ({@link RecordingError}). The same
 * number of people, seed and settings give the same population, person for person and record for record.
 *
 * <p>The agencies are those of the demo partnership: {@code nhs-lanarkshire} (almost everyone; always the CHI),
 * {@code hamilton-medical-practice} (most of Hamilton and some of the towns around; the CHI), {@code slc-social-work}
 * (older and vulnerable adults and some families' children; the CHI for about three in five), {@code slc-housing}
 * (council tenants and applicants, and the adults living with them), {@code slc-education} (children of 4 to 18)
 * and {@code police-scotland} (a few in a hundred adults). A person has about two records on average. Records come
 * agency by agency, in no order within one.
 *
 * <p>No person or record carries the name of a person of the demo's stories with that person's date of birth.
 */
public final class SyntheticPopulation {

    /** The agencies that hold records, in the order their records come. */
    public static final List<String> AGENCIES =
            Arrays.stream(Agency.values()).map(agency -> agency.id).toList();

    private final List<SyntheticPerson> people;
    private final List<SourcedRecord> records;
    private final Map<RecordingError, Integer> errorsMade;
    private final Map<RecordingError, Integer> errorOpportunities;

    private SyntheticPopulation(
            List<SyntheticPerson> people,
            List<SourcedRecord> records,
            Map<RecordingError, Integer> errorsMade,
            Map<RecordingError, Integer> errorOpportunities) {
        this.people = people;
        this.records = records;
        this.errorsMade = errorsMade;
        this.errorOpportunities = errorOpportunities;
    }

    /** This many people, with every recording error at its default rate. */
    public static SyntheticPopulation generate(int people, long seed) {
        return generate(people, seed, Settings.defaults());
    }

    public static SyntheticPopulation generate(int people, long seed, Settings settings) {
        if (people < 0) {
            throw new IllegalArgumentException("A population cannot have " + people + " people");
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<Resident> residents = new Households(root.split(), settings.asOf()).make(people);
        RecordingErrors errors = new RecordingErrors(settings, root.split());
        SplittableRandom coverage = root.split();
        SplittableRandom ids = root.split();

        EnumMap<Agency, List<Draft>> drafts = new EnumMap<>(Agency.class);
        for (Agency agency : Agency.values()) {
            drafts.put(agency, new ArrayList<>());
        }
        List<SyntheticPerson> truth = new ArrayList<>(residents.size());
        for (Resident resident : residents) {
            truth.add(resident.person());
            for (Agency agency : Agency.values()) {
                if (agency.holds(resident, coverage)) {
                    List<Draft> held = drafts.get(agency);
                    held.add(errors.record(resident, agency, false));
                    if (errors.registersTwice()) {
                        held.add(errors.record(resident, agency, true));
                    }
                }
            }
        }
        List<SourcedRecord> records =
                new ArrayList<>(drafts.values().stream().mapToInt(List::size).sum());
        for (Agency agency : Agency.values()) {
            List<Draft> held = drafts.get(agency);
            shuffle(held, ids);
            LocalIds localIds = new LocalIds(agency, held.size(), ids);
            for (Draft draft : held) {
                records.add(new SourcedRecord(draft.resident.person().key(), draft.toRecord(localIds.next(draft))));
            }
            held.clear();
        }
        return new SyntheticPopulation(
                List.copyOf(truth),
                List.copyOf(records),
                Map.copyOf(errors.made()),
                Map.copyOf(errors.opportunities()));
    }

    /** The people as they really are. */
    public List<SyntheticPerson> people() {
        return people;
    }

    /** Every agency's records, each with the key of the person it is of. */
    public List<SourcedRecord> records() {
        return records;
    }

    /** How many records carry each kind of error: what a benchmark has to overcome. */
    public Map<RecordingError, Integer> errorsMade() {
        return errorsMade;
    }

    /** How many records could have carried each kind of error: the denominators of its rate. */
    public Map<RecordingError, Integer> errorOpportunities() {
        return errorOpportunities;
    }

    /**
     * Writes the person files to a directory, creating it: {@code <agency>.csv} for each agency with the header {@code
     * agency,local_id,chi,given_name,family_name,other_given_names,date_of_birth,sex,address,postcode,phone} (UTF-8,
     * RFC 4180, dates as yyyy-mm-dd, sex F, M or U, an unknown value empty), and {@code truth.csv} with {@code
     * agency,local_id,person_key}.
     */
    public void writePersonFiles(Path directory) throws IOException {
        PersonFiles.write(AGENCIES, records, directory);
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swapped = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swapped);
        }
    }

    @Override
    public String toString() {
        return "SyntheticPopulation[" + people.size() + " people, " + records.size() + " records]";
    }
}
