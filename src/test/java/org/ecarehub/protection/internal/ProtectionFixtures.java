package org.ecarehub.protection.internal;

import java.time.LocalDate;
import java.util.List;
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
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.SyntheticNames;
import org.springframework.jdbc.core.simple.JdbcClient;

/** People and staff of the demo partnership for the protection module's tests. */
final class ProtectionFixtures {

    private ProtectionFixtures() {}

    /**
     * A new person of the index born up to four years before the day, with names of their own so that no two tests'
     * people are linked.
     */
    static PersonId newPerson(RunningHub hub, LocalDate born) {
        String local = "PM-" + UUID.randomUUID();
        AgencyRecord record = new AgencyRecord(
                AgencyRecordId.of("slc-social-work", local),
                new Demographics(
                        SyntheticNames.next(),
                        null,
                        SyntheticNames.next(),
                        List.of(),
                        born.minusDays(SyntheticNames.days(1500)),
                        Sex.UNKNOWN,
                        List.of(),
                        null,
                        null));
        return hub.bean(PersonIndex.class)
                .submit(record, Actor.agencySystem(AgencyId.of("slc-social-work"), 1))
                .person();
    }

    static PersonId child(RunningHub hub) {
        return newPerson(hub, today(hub).minusYears(6));
    }

    static PersonId adult(RunningHub hub) {
        return newPerson(hub, today(hub).minusYears(30));
    }

    /** The staff account becomes the person's key worker. */
    static void involve(RunningHub hub, PersonId person, String username) {
        hub.bean(Relationships.class)
                .start(
                        RelationshipDraft.of(
                                person, Holder.staff(Username.of(username)), RelationshipKind.KEY_WORKER, today(hub)),
                        actor(hub, "admin"));
    }

    static Requester protecting(String username) {
        return new Requester.Staff(
                Username.of(username), Purpose.CHILD_PROTECTION, "Concern raised about the children's safety");
    }

    static LocalDate today(RunningHub hub) {
        return Escalations.day(hub.bean(java.time.Clock.class).instant());
    }

    static Actor actor(RunningHub hub, String username) {
        return hub.staffActor(username);
    }

    static long count(RunningHub hub, String sql, Object... params) {
        return hub.bean(JdbcClient.class)
                .sql(sql)
                .params(params)
                .query(Long.class)
                .single();
    }
}
