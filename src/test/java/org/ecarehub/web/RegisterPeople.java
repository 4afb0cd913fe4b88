package org.ecarehub.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.SyntheticNames;

/** Children of the register pages' tests: each new in the index, known to the teams and staff a test names. */
final class RegisterPeople {

    private RegisterPeople() {}

    /** A child of about six with a name and date of birth of their own, known to each holder from today. */
    static PersonId knownChild(RunningHub hub, Holder... holders) {
        AgencyRecord record = new AgencyRecord(
                AgencyRecordId.of("slc-social-work", "PR-" + UUID.randomUUID()),
                new Demographics(
                        SyntheticNames.next(),
                        null,
                        SyntheticNames.next(),
                        List.of(),
                        LocalDate.of(2018, 1, 1).plusDays(SyntheticNames.days(1500)),
                        Sex.FEMALE,
                        List.of(),
                        null,
                        null));
        PersonId child = hub.bean(PersonIndex.class)
                .submit(record, Actor.agencySystem(AgencyId.of("slc-social-work"), 1))
                .person();
        for (Holder holder : holders) {
            hub.bean(Relationships.class)
                    .start(
                            RelationshipDraft.of(child, holder, RelationshipKind.TEAM_CASELOAD, today(hub)),
                            hub.staffActor("admin"));
        }
        return child;
    }

    static LocalDate today(RunningHub hub) {
        return LocalDate.ofInstant(hub.bean(Clock.class).instant(), ZoneId.of("Europe/London"));
    }

    /** A GOV.UK date input's three fields, as a form posts them. */
    static String date(String prefix, LocalDate date) {
        return prefix + "-day=" + date.getDayOfMonth() + "&" + prefix + "-month=" + date.getMonthValue() + "&" + prefix
                + "-year=" + date.getYear();
    }
}
