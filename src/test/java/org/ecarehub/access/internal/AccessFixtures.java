package org.ecarehub.access.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.StaffAccount;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/** People and staff of the demo partnership for the access module's tests. */
final class AccessFixtures {

    private AccessFixtures() {}

    /**
     * A new person in the index, unlike any other: a name and date of birth of their own, so the index never links
     * two tests' people.
     */
    static PersonId newPerson(RunningHub hub, int n) {
        String local = "AT-" + UUID.randomUUID();
        String family = "Zed" + Integer.toString(n * 7919 + local.hashCode() & 0xffff, 36) + "quist";
        AgencyRecord record = new AgencyRecord(
                AgencyRecordId.of("slc-social-work", local),
                new Demographics(
                        "Test",
                        null,
                        family,
                        List.of(),
                        LocalDate.of(1930, 1, 1).plusDays(Math.floorMod(local.hashCode(), 25_000)),
                        Sex.FEMALE,
                        List.of(),
                        null,
                        null));
        return hub.bean(PersonIndex.class)
                .submit(record, Actor.agencySystem(AgencyId.of("slc-social-work"), 1))
                .person();
    }

    static StaffAccount staff(RunningHub hub, String username) {
        return hub.bean(Partnerships.class)
                .current()
                .partnership()
                .staff(Username.of(username))
                .orElseThrow();
    }

    /** The staff account as the actor of a change. */
    static Actor actor(RunningHub hub, String username) {
        return hub.staffActor(username);
    }

    static long rows(RunningHub hub, String table) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from " + table)
                .query(Long.class)
                .single();
    }

    static long logEvents(RunningHub hub, int type) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from transparency_event where event_type = ?")
                .param(type)
                .query(Long.class)
                .single();
    }
}
