package org.ecarehub.protection;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.SyntheticNames;
import org.springframework.jdbc.core.simple.JdbcClient;

/** People, staff and registrations of the demo partnership for the protection register's tests. */
final class RegisterFixtures {

    static final TeamId CHILDREN_AND_FAMILIES = TeamId.of("children-families-blantyre");
    static final TeamId ADULT_CARE_HAMILTON = TeamId.of("adult-care-hamilton");
    static final Username LEAD = Username.of("sw.blantyre");

    private RegisterFixtures() {}

    /** A new person in the index with a name and date of birth of their own, so no two tests' people are linked. */
    static PersonId newPerson(RunningHub hub, LocalDate bornAround) {
        String local = "PR-" + UUID.randomUUID();
        AgencyRecord record = new AgencyRecord(
                AgencyRecordId.of("slc-social-work", local),
                new Demographics(
                        SyntheticNames.next(),
                        null,
                        SyntheticNames.next(),
                        List.of(),
                        bornAround.plusDays(SyntheticNames.days(1500)),
                        Sex.MALE,
                        List.of(),
                        null,
                        null));
        return hub.bean(PersonIndex.class)
                .submit(record, Actor.agencySystem(AgencyId.of("slc-social-work"), 1))
                .person();
    }

    /** A child known to the children and families team, as every child a planning meeting discusses is. */
    static PersonId knownChild(RunningHub hub) {
        PersonId child = newPerson(hub, LocalDate.of(2017, 1, 1));
        involve(hub, child, Holder.team(CHILDREN_AND_FAMILIES));
        return child;
    }

    static void involve(RunningHub hub, PersonId person, Holder holder) {
        hub.bean(Relationships.class)
                .start(
                        RelationshipDraft.of(person, holder, RelationshipKind.TEAM_CASELOAD, today(hub)),
                        actor(hub, "admin"));
    }

    static Requester staff(String username, Purpose purpose) {
        return new Requester.Staff(Username.of(username), purpose, null);
    }

    static Requester childProtection(String username) {
        return staff(username, Purpose.CHILD_PROTECTION);
    }

    static RegistrationDraft neglect(RunningHub hub, PersonId child) {
        LocalDate today = today(hub);
        return RegistrationDraft.child(
                child, today, Set.of(RegistrationConcern.NEGLECT), LEAD, CHILDREN_AND_FAMILIES, today.plusMonths(3));
    }

    static LocalDate today(RunningHub hub) {
        return LocalDate.ofInstant(hub.bean(Clock.class).instant(), ZoneId.of("Europe/London"));
    }

    static Actor actor(RunningHub hub, String username) {
        return hub.staffActor(username);
    }

    static long rows(RunningHub hub, String table) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from " + table)
                .query(Long.class)
                .single();
    }

    static List<String> protectionEventsNaming(RunningHub hub, String reference) {
        return hub.bean(JdbcClient.class)
                .sql("select event from transparency_event where event_type = 13 and event like ? order by id")
                .param("%\"" + reference + "\"%")
                .query(String.class)
                .list();
    }
}
