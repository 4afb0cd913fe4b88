package org.ecarehub.access;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.ecarehub.consent.Exemption;
import org.ecarehub.consent.WithholdingDraft;
import org.ecarehub.consent.WithholdingTarget;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.record.Document;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.Records;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.transparency.LoggedEvent;
import org.ecarehub.transparency.PersonEvents;
import org.ecarehub.transparency.ProvableEvent;
import org.ecarehub.transparency.ProvableEvents;

/**
 * The accesses about Agnes Thomson that her family's portal views are tested on, made through the modules' own APIs on
 * a demo hub: her key worker's reads, housing refused her health detail, a read of the neighbour's report (withheld
 * from representatives as third-party) and {@code duty.sw}'s break-glass and the read under it.
 */
public final class PortalHistoryStory {

    public static final String BREAK_GLASS_REASON = "Homecare found no answer at 19:00; checking key holder and risks";

    public final PersonId agnes;
    public final PersonId david;
    public final PersonId fiona;
    public final PersonId lisa;
    public final PersonId ryan;
    public final RecordItemId neighboursReport;
    public long housingRead;
    public long reportRead;

    private PortalHistoryStory(RunningHub hub) {
        PersonIndex index = hub.bean(PersonIndex.class);
        agnes = person(index, "nhs-lanarkshire", "LN0418822");
        david = person(index, "hamilton-medical-practice", "HMP-002967");
        fiona = person(index, "nhs-lanarkshire", "LN0527140");
        lisa = person(index, "nhs-lanarkshire", "LN0733561");
        ryan = person(index, "nhs-lanarkshire", "LN0901244");
        Records records = hub.bean(Records.class);
        neighboursReport = records.read(staff("sw.hamilton"), agnes).ofKind(RecordKind.DOCUMENT).stream()
                .filter(view -> view.item().content(Document.class).title().equals("Neighbour's report"))
                .map(view -> view.item().id())
                .findFirst()
                .orElseThrow();
    }

    /** Makes the story's accesses and waits until every event about Agnes is in a signed tree head. */
    public static PortalHistoryStory tell(RunningHub hub) {
        PortalHistoryStory story = new PortalHistoryStory(hub);
        Records records = hub.bean(Records.class);
        records.read(staff("sw.hamilton"), story.agnes);
        records.item(staff("sw.hamilton"), story.neighboursReport);
        records.read(staff("housing.ek"), story.agnes);
        // The demo's replayed history opens the same grant when the hub starts; it lasts two hours.
        BreakGlassGrants grants = hub.bean(BreakGlassGrants.class);
        if (!grants.active(
                Username.of("duty.sw"),
                story.agnes,
                hub.bean(java.time.Clock.class).instant())) {
            grants.open(
                    story.agnes,
                    new BreakGlassRequest(Username.of("duty.sw"), BREAK_GLASS_REASON, Purpose.DIRECT_CARE, null),
                    hub.staffActor("duty.sw"));
        }
        records.read(staff("duty.sw"), story.agnes);
        // Housing's refused read, withheld with a notice; the key worker's read of the report, neither confirmed nor
        // denied.
        Withholdings withholdings = hub.bean(Withholdings.class);
        LocalDate review = LocalDate.now(ZoneId.of("Europe/London")).plusMonths(6);
        long housing = story.eventBy(hub, "housing.ek", null);
        withholdings.withhold(
                new WithholdingDraft(
                        story.agnes,
                        WithholdingTarget.accessEvent(housing, Username.of("housing.ek")),
                        Exemption.SERIOUS_HARM,
                        "Telling of this refusal now would be likely to cause serious harm.",
                        review,
                        Username.of("caldicott.slc")),
                hub.staffActor("sw.hamilton"));
        long report = story.eventBy(hub, "sw.hamilton", story.neighboursReport.reference());
        withholdings.withhold(
                new WithholdingDraft(
                        story.agnes,
                        WithholdingTarget.accessEvent(report, Username.of("sw.hamilton")),
                        Exemption.CRIME,
                        "Part of a police enquiry that must not be disclosed.",
                        review,
                        Username.of("caldicott.slc")),
                hub.staffActor("sw.manager"));
        story.housingRead = housing;
        story.reportRead = report;
        story.awaitSequenced(hub, story.agnes);
        return story;
    }

    /** The newest access event by the account about Agnes, naming the item when one is given. */
    long eventBy(RunningHub hub, String account, String item) {
        return hub.bean(PersonEvents.class).about(List.of(agnes), 500).stream()
                .filter(event -> event.type().equals("access") && account.equals(event.account()))
                .filter(event -> item == null || event.items().contains(item))
                .mapToLong(LoggedEvent::id)
                .max()
                .orElseThrow();
    }

    /** Waits until every event about the person has its leaf, as the sequencer gives one within a round. */
    public void awaitSequenced(RunningHub hub, PersonId person) {
        awaitAllSequenced(hub, person);
    }

    /** Waits until every event about the person has its leaf, as the sequencer gives one within a round. */
    public static void awaitAllSequenced(RunningHub hub, PersonId person) {

        Instant deadlineOfLog = Instant.now().plus(Duration.ofSeconds(120));
        while (hub.bean(ProvableEvents.class).about(List.of(person), Long.MAX_VALUE, 1000).stream()
                .map(ProvableEvent::leaf)
                .anyMatch(leaf -> leaf == null)) {
            if (Instant.now().isAfter(deadlineOfLog)) {
                throw new AssertionError("the log did not sequence the events within 120 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static Requester staff(String user) {
        return new Requester.Staff(Username.of(user), Purpose.DIRECT_CARE, null);
    }

    private static PersonId person(PersonIndex index, String agency, String localId) {
        return index.personOf(new AgencyRecordId(AgencyId.of(agency), localId)).orElseThrow();
    }
}
