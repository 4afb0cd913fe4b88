package org.ecarehub.access.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.Disclosure;
import org.ecarehub.access.FoundPeople;
import org.ecarehub.access.MatchedPerson;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonQuery;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.AgencyRecordVersion;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.MatchCandidate;
import org.ecarehub.person.MatchGrade;
import org.ecarehub.person.Person;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.PersonMatch;
import org.ecarehub.person.PersonSearch;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.springframework.stereotype.Service;

/**
 * Finds and reads people through the decision: each agency record's demographics is an item owned by its agency, so a
 * person is shown with the records the requester may see and not at all when they may see none. A search discloses
 * only people the requester may see; those it does not disclose are not logged, since nothing about them left the hub
 * and a broad search would otherwise fill the histories of people nobody looked at.
 */
@Service
class Directory implements PersonDirectory {

    /** The most people one search shows. */
    static final int MAX_SHOWN = 100;

    /** The most candidates one search decides on: more than are shown, since many may not be for this requester. */
    static final int MAX_CANDIDATES = 1_000;

    private final PersonIndex index;
    private final DecisionPoint decisions;

    Directory(PersonIndex index, DecisionPoint decisions) {
        this.index = index;
        this.decisions = decisions;
    }

    @Override
    public List<PersonView> search(Requester requester, PersonQuery query) {
        if (query.isEmpty()) {
            throw new IllegalArgumentException("a search for a person needs at least one detail");
        }
        AccessDecision attempt = decisions.mayAttempt(requester, Action.READ, Category.DEMOGRAPHICS);
        if (!attempt.allowed()) {
            decisions.logWithoutPerson(requester, Action.READ, Category.DEMOGRAPHICS, attempt);
            throw new AccessRefused(attempt);
        }
        List<PersonView> shown = new ArrayList<>();
        PartnershipSnapshot snapshot = decisions.snapshot();
        Instant now = decisions.now();
        for (PersonMatch match : candidates(query)) {
            if (shown.size() == MAX_SHOWN) {
                break;
            }
            PersonId candidate = match.person();
            Optional<Person> person = index.person(candidate);
            if (person.isEmpty()) {
                continue;
            }
            List<AccessItem> items = items(person.get());
            List<AccessDecision> decided =
                    decisions.evaluate(snapshot.partnership(), requester, Action.READ, candidate, items, now);
            if (matchesAVisibleRecord(match, person.get(), decided)) {
                decisions.record(snapshot, requester, Action.READ, candidate, items, decided, now);
                shown.add(view(person.get(), decided));
            }
        }
        if (shown.isEmpty()) {
            decisions.logWithoutPerson(requester, Action.READ, Category.DEMOGRAPHICS, attempt);
        }
        return shown;
    }

    @Override
    public List<MatchedPerson> match(Requester requester, Demographics details, int limit, MatchGrade lowest) {
        if (limit < 1) {
            throw new IllegalArgumentException("a match returns at least one person");
        }
        AccessDecision attempt = decisions.mayAttempt(requester, Action.READ, Category.DEMOGRAPHICS);
        if (!attempt.allowed()) {
            decisions.logWithoutPerson(requester, Action.READ, Category.DEMOGRAPHICS, attempt);
            throw new AccessRefused(attempt);
        }
        Map<PersonId, List<MatchCandidate>> byPerson = new LinkedHashMap<>();
        for (MatchCandidate candidate : index.candidates(details, MAX_CANDIDATES)) {
            if (candidate.grade().compareTo(lowest) > 0) {
                // Graded below the lowest asked for; the grades are declared most certain first.
                continue;
            }
            byPerson.computeIfAbsent(candidate.person(), person -> new ArrayList<>())
                    .add(candidate);
        }
        List<MatchedPerson> shown = new ArrayList<>();
        PartnershipSnapshot snapshot = decisions.snapshot();
        Instant now = decisions.now();
        for (Map.Entry<PersonId, List<MatchCandidate>> entry : byPerson.entrySet()) {
            if (shown.size() == Math.min(limit, MAX_SHOWN)) {
                break;
            }
            Optional<Person> person = index.person(entry.getKey());
            if (person.isEmpty()) {
                continue;
            }
            List<AccessItem> items = items(person.get());
            List<AccessDecision> decided = decisions.evaluate(
                    snapshot.partnership(), requester, Action.READ, person.get().id(), items, now);
            Set<AgencyRecordId> visible = new HashSet<>();
            for (int i = 0; i < decided.size(); i++) {
                if (decided.get(i).allowed()) {
                    visible.add(person.get().records().get(i).record());
                }
            }
            // The candidates come most probable first: the first visible one scores the person.
            Optional<MatchCandidate> best = entry.getValue().stream()
                    .filter(candidate -> visible.contains(candidate.record()))
                    .findFirst();
            if (best.isPresent()) {
                decisions.record(snapshot, requester, Action.READ, person.get().id(), items, decided, now);
                shown.add(new MatchedPerson(
                        view(person.get(), decided),
                        best.get().probability(),
                        best.get().grade()));
            }
        }
        if (shown.isEmpty()) {
            decisions.logWithoutPerson(requester, Action.READ, Category.DEMOGRAPHICS, attempt);
        }
        shown.sort(Comparator.comparingDouble(MatchedPerson::score).reversed());
        return shown;
    }

    @Override
    public FoundPeople find(Requester requester, PersonQuery query) {
        List<PersonView> shown = search(requester, query);
        if (!shown.isEmpty() || !query.exact()) {
            return new FoundPeople(shown, null);
        }
        List<Person> exactly = candidates(query).stream()
                .flatMap(match -> index.person(match.person()).stream()
                        .filter(person -> person.records().stream()
                                .filter(version -> match.records().contains(version.record()))
                                .anyMatch(version -> namesExactly(query, version.demographics()))))
                .toList();
        if (exactly.size() != 1) {
            return new FoundPeople(List.of(), null);
        }
        Person person = exactly.get(0);
        // The trace POLICY.md asks for: the refused decisions on the person's records, logged about them.
        List<AccessDecision> decided = decisions.decide(requester, Action.READ, person.id(), items(person));
        if (decided.stream().anyMatch(AccessDecision::allowed)) {
            // Seen through a record the details did not match: saying so would confirm what only the hidden one holds.
            return new FoundPeople(List.of(), null);
        }
        return new FoundPeople(List.of(), person.id());
    }

    /** The record holds exactly the typed CHI number, or exactly the typed names and date of birth. */
    private static boolean namesExactly(PersonQuery query, Demographics demographics) {
        if (query.identifier() != null && query.identifierAgency() == null) {
            ChiNumber typed = ChiNumber.of(query.identifier());
            if (typed.valid()
                    && demographics.chi() != null
                    && typed.text().equals(demographics.chi().text())) {
                return true;
            }
        }
        return query.given() != null
                && query.family() != null
                && query.birthDate() != null
                && query.given().strip().equalsIgnoreCase(demographics.givenName())
                && query.family().strip().equalsIgnoreCase(demographics.familyName())
                && query.birthDate().equals(demographics.dateOfBirth());
    }

    @Override
    public Optional<PersonView> read(Requester requester, PersonId id) {
        AccessDecision attempt = decisions.mayAttempt(requester, Action.READ, Category.DEMOGRAPHICS);
        if (!attempt.allowed()) {
            decisions.logWithoutPerson(requester, Action.READ, Category.DEMOGRAPHICS, attempt);
            throw new AccessRefused(attempt);
        }
        Optional<Person> person = index.person(id);
        if (person.isEmpty()) {
            return Optional.empty();
        }
        List<AccessItem> items = items(person.get());
        List<AccessDecision> decided =
                decisions.decide(requester, Action.READ, person.get().id(), items);
        return decided.stream().anyMatch(AccessDecision::allowed)
                ? Optional.of(view(person.get(), decided))
                : Optional.empty();
    }

    @Override
    public List<PersonView> history(Requester requester, PersonId id) {
        Optional<PersonView> now = read(requester, id);
        if (now.isEmpty()) {
            return List.of();
        }
        List<PersonView.Shown> records = now.get().records();
        Map<AgencyRecordId, Integer> places = new HashMap<>();
        List<AgencyRecordVersion> changes = new ArrayList<>();
        for (PersonView.Shown record : records) {
            places.put(record.id(), places.size());
            // Up to the version the read showed: a version recorded since then is not in this view.
            index.versions(record.id()).stream()
                    .filter(version -> version.version() <= record.version())
                    .forEach(changes::add);
        }
        changes.sort(Comparator.comparing(AgencyRecordVersion::recordedAt)
                .thenComparing(version -> places.get(version.record()))
                .thenComparingInt(AgencyRecordVersion::version));
        AgencyRecordVersion[] latest = new AgencyRecordVersion[records.size()];
        List<PersonView> versions = new ArrayList<>(changes.size());
        for (AgencyRecordVersion change : changes) {
            int place = places.get(change.record());
            if (latest[place] == null || latest[place].version() < change.version()) {
                latest[place] = change;
            }
            List<PersonView.Shown> shown = new ArrayList<>();
            for (AgencyRecordVersion version : latest) {
                if (version != null) {
                    shown.add(shown(version));
                }
            }
            versions.add(new PersonView(now.get().id(), shown));
        }
        return versions;
    }

    @Override
    public Disclosure readWith(Requester requester, PersonId id, List<AccessItem> further) {
        return disclose(requester, Action.READ, id, further);
    }

    @Override
    public Disclosure exportWith(Requester requester, PersonId id, List<AccessItem> further) {
        return disclose(requester, Action.EXPORT, id, further);
    }

    private Disclosure disclose(Requester requester, Action action, PersonId id, List<AccessItem> further) {
        Optional<Person> person = index.person(id);
        List<AccessItem> demographics = person.map(Directory::items).orElse(List.of());
        if (demographics.isEmpty() && further.isEmpty()) {
            // As a search that found nobody: the log says someone asked, not whether the person exists.
            AccessDecision attempt = decisions.mayAttempt(requester, action, Category.DEMOGRAPHICS);
            decisions.logWithoutPerson(requester, action, Category.DEMOGRAPHICS, attempt);
            return new Disclosure(null, List.of());
        }
        List<AccessItem> items = new ArrayList<>(demographics);
        items.addAll(further);
        List<AccessDecision> decided =
                decisions.decide(requester, action, person.map(Person::id).orElse(id), items);
        List<AccessDecision> aboutThePerson = decided.subList(0, demographics.size());
        PersonView shown =
                aboutThePerson.stream().anyMatch(AccessDecision::allowed) ? view(person.get(), aboutThePerson) : null;
        return new Disclosure(shown, decided.subList(demographics.size(), decided.size()));
    }

    private List<PersonMatch> candidates(PersonQuery query) {
        if (query.personId() != null) {
            PersonId id;
            try {
                id = PersonId.of(query.personId());
            } catch (IllegalArgumentException notAnId) {
                return List.of();
            }
            // The id names the person, not a record: each of their records gives them away alike.
            return index.person(id)
                    .map(person -> List.of(new PersonMatch(
                            person.id(),
                            person.records().stream()
                                    .map(AgencyRecordVersion::record)
                                    .collect(Collectors.toSet()))))
                    .orElse(List.of());
        }
        AgencyRecordId localId = null;
        String chi = null;
        if (query.identifier() != null) {
            if (query.identifierAgency() == null) {
                chi = query.identifier();
            } else {
                try {
                    localId = new AgencyRecordId(AgencyId.of(query.identifierAgency()), query.identifier());
                } catch (IllegalArgumentException notAnId) {
                    return List.of();
                }
            }
        }
        return index.find(
                new PersonSearch(
                        chi, localId, query.family(), query.given(), query.name(), query.birthDate(), query.postcode()),
                MAX_CANDIDATES);
    }

    /** The person matched the search on a record the requester may see, not only on one they may not. */
    private static boolean matchesAVisibleRecord(PersonMatch match, Person person, List<AccessDecision> decided) {
        for (int i = 0; i < decided.size(); i++) {
            AgencyRecordVersion version = person.records().get(i);
            if (decided.get(i).allowed() && match.records().contains(version.record())) {
                return true;
            }
        }
        return false;
    }

    /** Each agency record's demographics, an item owned by its agency. */
    private static List<AccessItem> items(Person person) {
        return person.records().stream()
                .map(version -> new AccessItem(
                        version.reference(),
                        Category.DEMOGRAPHICS,
                        Sensitivity.NORMAL,
                        version.record().agency()))
                .toList();
    }

    private static PersonView view(Person person, List<AccessDecision> decided) {
        List<PersonView.Shown> shown = new ArrayList<>();
        for (int i = 0; i < decided.size(); i++) {
            if (decided.get(i).allowed()) {
                AgencyRecordVersion version = person.records().get(i);
                shown.add(shown(version));
            }
        }
        return new PersonView(person.id(), shown);
    }

    private static PersonView.Shown shown(AgencyRecordVersion version) {
        return new PersonView.Shown(version.record(), version.demographics(), version.version(), version.recordedAt());
    }
}
