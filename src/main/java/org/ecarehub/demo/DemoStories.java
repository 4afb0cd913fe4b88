package org.ecarehub.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.AuthorityDraft;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.OnBehalfOf;
import org.ecarehub.consent.Recipient;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.partnership.Team;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.RoleId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.stereotype.Component;

/**
 * Seeds who is involved with DEMO.md's people, and the authorities, capacity assessment and consents of their stories,
 * through the access and consent modules, as the practitioners of the stories would have recorded them. Dates are
 * relative to the day the demo is first seeded. Agnes's record and request follow, by {@link DemoRecords}. The
 * synthetic people each get a team of every agency that holds a record of them, so that lists and searches look real.
 */
@Component
class DemoStories {

    private final PersonIndex personIndex;
    private final Relationships relationships;
    private final Representatives representatives;
    private final Consents consents;
    private final DemoRecords records;
    private final DemoProtection protection;
    private final DemoHistory history;
    private final TransparencyLog log;

    DemoStories(
            PersonIndex personIndex,
            Relationships relationships,
            Representatives representatives,
            Consents consents,
            DemoRecords records,
            DemoProtection protection,
            DemoHistory history,
            TransparencyLog log) {
        this.history = history;
        this.log = log;
        this.records = records;
        this.protection = protection;
        this.personIndex = personIndex;
        this.relationships = relationships;
        this.representatives = representatives;
        this.consents = consents;
    }

    /** Whether the stories' relationships are in place already (a restart reuses them). */
    boolean seeded() {
        return !relationships.of(person("Agnes Thomson")).isEmpty();
    }

    void seed(PartnershipSnapshot snapshot, LocalDate seedDay) {
        Staff staff = new Staff(snapshot);
        PersonId agnes = person("Agnes Thomson");
        PersonId david = person("David Thomson");
        PersonId fiona = person("Fiona Thomson");
        PersonId lisa = person("Lisa Kerr");
        PersonId ryan = person("Ryan Kerr");
        PersonId ellie = person("Ellie Kerr");

        Actor hub = Actor.hub("ecare demo");
        relationships.startAll(
                List.of(
                        involve(agnes, "sw.hamilton", RelationshipKind.KEY_WORKER, seedDay.minusMonths(14)),
                        involve(agnes, "gp.hamilton", RelationshipKind.CARE_TEAM, seedDay.minusYears(9)),
                        involve(agnes, "dn.hamilton", RelationshipKind.CARE_TEAM, seedDay.minusMonths(10)),
                        involve(agnes, "ot.hamilton", RelationshipKind.REFERRAL, seedDay.minusMonths(2)),
                        new RelationshipDraft(
                                agnes,
                                Holder.team(TeamId.of("caring-hands-homecare")),
                                RelationshipKind.TEAM_CASELOAD,
                                seedDay.minusMonths(6),
                                null,
                                "homecare-service"),
                        // The children's social worker since the first referral; the register adds her
                        // lead-professional relationship for as long as they are registered.
                        involve(ryan, "sw.blantyre", RelationshipKind.KEY_WORKER, seedDay.minusMonths(5)),
                        involve(ryan, "teacher.blantyre", RelationshipKind.CARE_TEAM, seedDay.minusYears(2)),
                        involve(ellie, "sw.blantyre", RelationshipKind.KEY_WORKER, seedDay.minusMonths(5)),
                        involve(ellie, "hv.blantyre", RelationshipKind.CARE_TEAM, seedDay.minusYears(4)),
                        involve(lisa, "sw.blantyre", RelationshipKind.KEY_WORKER, seedDay.minusMonths(5))),
                hub);

        // Replayed with the times the story gives them (decision 0037): Fiona's nomination two years ago, the
        // assessment of Agnes's capacity, and David's power of attorney, recorded and checked the week after it.
        LocalDate nominated = seedDay.minusYears(2);
        RepresentativeAuthority nomination = log.replaying(
                DemoHistory.at(nominated, 11, 0),
                () -> representatives.record(
                        new AuthorityDraft(
                                agnes,
                                fiona,
                                Authority.Kind.NOMINATED_NEXT_OF_KIN_OR_CARER,
                                null,
                                Set.of(Category.CONTACTS, Category.CARE_PLAN, Category.SERVICE_PROVISION),
                                nominated,
                                null),
                        staff.actor("sw.hamilton")));
        log.replaying(
                DemoHistory.at(nominated, 11, 5),
                () -> representatives.verify(nomination.id(), staff.actor("sw.hamilton")));

        LocalDate assessed = seedDay.minusMonths(8);
        log.replaying(
                DemoHistory.at(assessed, 14, 0),
                () -> representatives.recordAssessment(
                        agnes, assessed, Set.of(DecisionArea.WELFARE), true, staff.actor("gp.hamilton")));

        LocalDate registered = assessed.plusDays(6);
        RepresentativeAuthority attorney = log.replaying(
                DemoHistory.at(registered, 10, 0),
                () -> representatives.record(
                        new AuthorityDraft(
                                agnes,
                                david,
                                Authority.Kind.WELFARE_ATTORNEY,
                                "OPG-WPA-2019-004417",
                                Set.of(),
                                assessed,
                                null),
                        staff.actor("sw.hamilton")));
        log.replaying(
                DemoHistory.at(registered, 10, 30),
                () -> representatives.verify(attorney.id(), staff.actor("sw.hamilton")));

        for (String child : List.of("Ryan Kerr", "Ellie Kerr")) {
            RepresentativeAuthority parent = representatives.record(
                    new AuthorityDraft(
                            person(child),
                            lisa,
                            Authority.Kind.PARENTAL_RESPONSIBILITY,
                            null,
                            Set.of(),
                            story(child).records().get(0).demographics().dateOfBirth(),
                            null),
                    staff.actor("sw.blantyre"));
            representatives.verify(parent.id(), staff.actor("sw.blantyre"));
        }

        // David, within his welfare power of attorney, agrees that the care providers may see what they need to
        // deliver his mother's care.
        consents.record(
                new ConsentDraft(
                        agnes,
                        Purpose.DIRECT_CARE,
                        Set.of(Category.ASSESSMENT, Category.CARE_PLAN, Category.SERVICE_PROVISION),
                        List.of(Recipient.type(AgencyType.CARE_PROVIDER), Recipient.type(AgencyType.CARE_HOME)),
                        ConsentState.GIVEN,
                        new OnBehalfOf(david, attorney.id()),
                        ConsentEvidence.written(),
                        seedDay.minusMonths(6),
                        null),
                staff.actor("sw.hamilton"));
        // Lisa agrees that Ryan's school may know who the family's social worker is and how to reach them.
        consents.record(
                new ConsentDraft(
                        lisa,
                        Purpose.DIRECT_CARE,
                        Set.of(Category.CONTACTS),
                        List.of(Recipient.agency(AgencyId.of("slc-education"))),
                        ConsentState.GIVEN,
                        null,
                        ConsentEvidence.verbal(),
                        seedDay.minusMonths(4),
                        null),
                staff.actor("sw.blantyre"));

        // After the relationships and authorities, so that each item is decided as the practitioners of the story
        // would be: every writer is involved with Agnes, and the equipment team through the request itself.
        records.seedAgnes(snapshot, agnes, seedDay);
    }

    /**
     * The Kerrs' protection story, unless it is in place already: after the stories' relationships and Lisa's
     * parental responsibilities, and also on a data directory seeded before the protection module existed.
     */
    void seedProtection(LocalDate seedDay) {
        PersonId ryan = person("Ryan Kerr");
        if (!protection.seeded(ryan)) {
            protection.seedKerrs(ryan, person("Ellie Kerr"), person("Lisa Kerr"), person("Mark Boyle"), seedDay);
        }
    }

    /**
     * Agnes's replayed history (decision 0037), unless it is in place already: after her record, and also on a data
     * directory seeded before the history existed.
     */
    void replayHistory(PartnershipSnapshot snapshot, LocalDate seedDay) {
        PersonId agnes = person("Agnes Thomson");
        if (!history.replayed(agnes)) {
            history.replayAgnes(new Staff(snapshot), agnes, seedDay);
        }
    }

    /** A team of each agency that holds a record of a synthetic person, involved since the seeding day. */
    void seedSyntheticPeople(PartnershipSnapshot snapshot, List<AgencyRecord> records, LocalDate seedDay) {
        Map<AgencyId, List<Team>> teams = new LinkedHashMap<>();
        snapshot.partnership()
                .teams()
                .forEach(team -> teams.computeIfAbsent(team.agency(), agency -> new ArrayList<>())
                        .add(team));
        Map<PersonId, Set<AgencyId>> involved = new LinkedHashMap<>();
        List<RelationshipDraft> drafts = new ArrayList<>();
        for (AgencyRecord record : records) {
            List<Team> ofAgency = teams.get(record.id().agency());
            PersonId person = personIndex.personOf(record.id()).orElse(null);
            if (ofAgency == null
                    || person == null
                    || !involved.computeIfAbsent(person, p -> new java.util.HashSet<>())
                            .add(record.id().agency())) {
                continue;
            }
            Team team = ofAgency.get(Math.floorMod(person.value().hashCode(), ofAgency.size()));
            drafts.add(new RelationshipDraft(
                    person,
                    Holder.team(team.id()),
                    RelationshipKind.TEAM_CASELOAD,
                    seedDay.minusDays(Math.floorMod(person.value().hashCode(), 700)),
                    null,
                    null));
        }
        Actor hub = Actor.hub("ecare demo");
        for (int from = 0; from < drafts.size(); from += 500) {
            relationships.startAll(drafts.subList(from, Math.min(drafts.size(), from + 500)), hub);
        }
    }

    private static RelationshipDraft involve(PersonId person, String user, RelationshipKind kind, LocalDate start) {
        return RelationshipDraft.of(person, Holder.staff(Username.of(user)), kind, start);
    }

    private PersonId person(String name) {
        return personIndex
                .personOf(story(name).records().get(0).id())
                .orElseThrow(() -> new IllegalStateException("a story person of the demo is not in the index"));
    }

    private static DemoPeople.StoryPerson story(String name) {
        return DemoPeople.all().stream()
                .filter(person -> person.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** The demo's staff as the actors of what they recorded. */
    record Staff(PartnershipSnapshot snapshot) {

        Actor actor(String username) {
            Partnership partnership = snapshot.partnership();
            StaffAccount account = partnership.staff(Username.of(username)).orElseThrow();
            return Actor.staff(
                    account.username(),
                    account.agency(),
                    account.roles().stream().map(RoleId::value).toList(),
                    snapshot.version());
        }
    }
}
