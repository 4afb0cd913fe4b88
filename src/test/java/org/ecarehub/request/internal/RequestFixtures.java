package org.ecarehub.request.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.request.Equipment;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestDraft;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.springframework.jdbc.core.simple.JdbcClient;

/** People, staff and requests of the demo partnership for the request module's tests. */
final class RequestFixtures {

    static final TeamId EQUIPMENT = TeamId.of("equipment-and-adaptations");
    static final TeamId CARING_HANDS = TeamId.of("caring-hands-homecare");

    private RequestFixtures() {}

    /** A new person in the index with a name and date of birth of their own, so no two tests' people are linked. */
    static PersonId newPerson(RunningHub hub) {
        String local = "RQ-" + UUID.randomUUID();
        AgencyRecord record = new AgencyRecord(
                AgencyRecordId.of("slc-social-work", local),
                new Demographics(
                        "Test",
                        null,
                        "Req" + Integer.toString(local.hashCode() & 0xfffff, 36) + "ston",
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

    /** The staff account becomes the person's key worker, as the practitioner who asks for a service would be. */
    static void involve(RunningHub hub, PersonId person, String username) {
        hub.bean(Relationships.class)
                .start(
                        RelationshipDraft.of(
                                person, Holder.staff(Username.of(username)), RelationshipKind.KEY_WORKER, today(hub)),
                        actor(hub, "admin"));
    }

    static Requester staff(String username) {
        return new Requester.Staff(Username.of(username), Purpose.DIRECT_CARE, null);
    }

    static ServiceRequestDraft stairRailAndBathBoard(PersonId person, RequestPriority priority) {
        return new ServiceRequestDraft(
                person,
                new ServiceRequestDetails.AidsAndAdaptations(
                        List.of(Equipment.STAIR_RAIL, Equipment.BATH_BOARD), "record-item-12"),
                EQUIPMENT,
                priority);
    }

    static LocalDate today(RunningHub hub) {
        return LocalDate.ofInstant(hub.bean(java.time.Clock.class).instant(), ZoneId.of("Europe/London"));
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

    static long logEvents(RunningHub hub, int type) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from transparency_event where event_type = ?")
                .param(type)
                .query(Long.class)
                .single();
    }
}
