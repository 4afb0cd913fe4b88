package org.ecarehub.consent.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.RunningHub;

/** New people in a running hub's index, for the consent module's tests: each with a name of its own. */
final class ConsentIntegrationTestsPeople {

    private ConsentIntegrationTestsPeople() {}

    static PersonId person(RunningHub hub, String born) {
        String local = "CT-" + UUID.randomUUID();
        AgencyRecord record = new AgencyRecord(
                AgencyRecordId.of("slc-social-work", local),
                new Demographics(
                        "Given" + local.substring(3, 9),
                        null,
                        "Family" + local.substring(9, 15),
                        List.of(),
                        LocalDate.parse(born),
                        Sex.FEMALE,
                        List.of(),
                        null,
                        null));
        return hub.bean(PersonIndex.class)
                .submit(record, Actor.agencySystem(AgencyId.of("slc-social-work"), 1))
                .person();
    }
}
