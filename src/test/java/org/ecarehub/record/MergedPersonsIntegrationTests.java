package org.ecarehub.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.Holder;
import org.ecarehub.access.InvolvementDirectory;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.consent.Exemption;
import org.ecarehub.consent.WithholdingDraft;
import org.ecarehub.consent.WithholdingTarget;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.person.Address;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.MergeId;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person merged into another: what was recorded about either is the person's while the merge is in force, and each
 * person's own again after an unmerge, since nothing moves. One social worker knows one of the two, another the other;
 * an alert recorded on the merged person, withheld from her, must reach the survivor's readers and stay withheld from
 * her, and neither may be lost nor leak either way.
 */
@Tag("database")
class MergedPersonsIntegrationTests {

    /** Keeps the alert: key worker of the person who is merged. */
    static final Requester KNOWS_MERGED = staff("sw.hamilton");
    /** Key worker of the survivor only. */
    static final Requester KNOWS_SURVIVOR = staff("sw.blantyre");

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static Records records;
    static PersonIndex index;

    @BeforeAll
    static void startHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        records = hub.bean(Records.class);
        index = hub.bean(PersonIndex.class);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static Requester staff(String user) {
        return new Requester.Staff(Username.of(user), Purpose.DIRECT_CARE, null);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/London"));
    }

    /** A person of social work's own, from a record unlike any other, with the given key worker. */
    static PersonId person(String localId, String given, String family, LocalDate born, String address, String worker) {
        Demographics details = new Demographics(
                given,
                null,
                family,
                List.of(),
                born,
                Sex.FEMALE,
                List.of(Address.current(address, "ML3 0QQ")),
                null,
                null);
        PersonId person = index.submit(
                        new AgencyRecord(AgencyRecordId.of("slc-social-work", localId), details),
                        Actor.agencySystem(AgencyId.of("slc-social-work"), 1))
                .person();
        hub.bean(Relationships.class)
                .start(
                        RelationshipDraft.of(
                                person, Holder.staff(Username.of(worker)), RelationshipKind.KEY_WORKER, today()),
                        hub.staffActor(worker));
        return person;
    }

    static List<RecordItemId> itemsShown(Requester requester, PersonId person) {
        return records.read(requester, person).items().stream()
                .filter(view -> view.decision().allowed())
                .map(view -> view.item().id())
                .toList();
    }

    @Test
    void showsWhatWasRecordedAboutEitherToEachOfTheirWorkersWhileTheMergeHoldsAndKeepsWithholdingIt() {
        PersonId survivor = person(
                "SW-IB-1", "Isla", "Brodie", LocalDate.of(1961, 4, 9), "4 Almada Street, Hamilton", "sw.blantyre");
        PersonId merged = person(
                "SW-IM-1", "Isobel", "MacLeod", LocalDate.of(1958, 11, 23), "9 Cadzow Street, Hamilton", "sw.hamilton");
        assertThat(merged).as("two persons to the index").isNotEqualTo(survivor);
        RecordItem alert = records.add(
                KNOWS_MERGED,
                merged,
                ItemDraft.of(new Alert(AlertType.RISK_TO_VISITING_STAFF, "Aggressive dog; ring first", null)));
        RecordItem survivorsAlert = records.add(
                KNOWS_SURVIVOR,
                survivor,
                ItemDraft.of(new Alert(AlertType.RISK_TO_VISITING_STAFF, "Steep stair to the door", null)));
        hub.bean(Withholdings.class)
                .withhold(
                        new WithholdingDraft(
                                merged,
                                WithholdingTarget.item(alert.id().reference()),
                                Exemption.THIRD_PARTY,
                                "Reported by a neighbour.",
                                today().plusMonths(6),
                                null),
                        hub.staffActor("sw.hamilton"));
        Requester.Portal herself = new Requester.Portal("isla.portal", survivor);
        AccessItem withheld =
                new AccessItem(alert.id().reference(), alert.category(), alert.sensitivity(), alert.owner());
        AccessDecisions decisions = hub.bean(AccessDecisions.class);

        assertThat(itemsShown(KNOWS_SURVIVOR, survivor)).containsExactly(survivorsAlert.id());
        assertThat(itemsShown(KNOWS_MERGED, survivor))
                .as("no relationship with the survivor yet")
                .isEmpty();

        MergeId merge = index.merge(survivor, merged, "The same woman: a married name", hub.staffActor("sw.hamilton"));

        assertThat(itemsShown(KNOWS_SURVIVOR, survivor))
                .as("the merged person's alert is the survivor's: her worker sees it")
                .containsExactlyInAnyOrder(survivorsAlert.id(), alert.id());
        assertThat(itemsShown(KNOWS_MERGED, survivor))
                .as("the merged person's worker keeps their relationship with her")
                .containsExactlyInAnyOrder(survivorsAlert.id(), alert.id());
        assertThat(itemsShown(KNOWS_SURVIVOR, merged))
                .as("read by the merged person's id, the same")
                .containsExactlyInAnyOrder(survivorsAlert.id(), alert.id());
        assertThat(hub.bean(InvolvementDirectory.class).relationships(KNOWS_SURVIVOR, survivor))
                .as("who is involved with her: both key workers")
                .extracting(relationship -> relationship.holder())
                .containsExactlyInAnyOrder(
                        Holder.staff(Username.of("sw.blantyre")), Holder.staff(Username.of("sw.hamilton")));
        assertThat(records.summary(KNOWS_SURVIVOR, survivor).record().items())
                .extracting(view -> view.item().id())
                .contains(alert.id());
        assertThat(decisions
                        .decide(herself, Action.READ, survivor, List.of(withheld))
                        .get(0)
                        .allowed())
                .as("withheld from her under her other id, withheld still")
                .isFalse();

        index.unmerge(merge, "Two women after all", hub.staffActor("sw.hamilton"));

        assertThat(itemsShown(KNOWS_SURVIVOR, survivor))
                .as("each person has her own again")
                .containsExactly(survivorsAlert.id());
        assertThat(itemsShown(KNOWS_MERGED, survivor)).isEmpty();
        assertThat(itemsShown(KNOWS_MERGED, merged)).containsExactly(alert.id());
        assertThat(hub.bean(InvolvementDirectory.class).relationships(KNOWS_SURVIVOR, survivor))
                .extracting(relationship -> relationship.holder())
                .containsExactly(Holder.staff(Username.of("sw.blantyre")));
    }
}
