package org.ecarehub.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.consent.Exemption;
import org.ecarehub.consent.WithholdingDraft;
import org.ecarehub.consent.WithholdingTarget;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertContact;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.Assessments;
import org.ecarehub.record.CarePlan;
import org.ecarehub.record.CarePlanAction;
import org.ecarehub.record.Document;
import org.ecarehub.record.EligibilityBand;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.Records;
import org.ecarehub.record.ServiceProvision;
import org.ecarehub.request.Equipment;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestDraft;
import org.ecarehub.request.ServiceRequestView;
import org.ecarehub.request.ServiceRequests;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.springframework.stereotype.Component;

/**
 * Seeds Agnes Thomson's shared record and her equipment request (DEMO.md), through the record, request and consent
 * modules, each as the practitioner of the story would have written it: so every item is decided and logged as any
 * other. Dates are relative to the day the demo is first seeded. Choices the story leaves open are in decision 0024.
 */
@Component
class DemoRecords {

    static final TeamId EQUIPMENT = TeamId.of("equipment-and-adaptations");
    static final AgencyId CARING_HANDS = AgencyId.of("caring-hands");

    private final Records records;
    private final Assessments assessments;
    private final ServiceRequests requests;
    private final Withholdings withholdings;

    DemoRecords(Records records, Assessments assessments, ServiceRequests requests, Withholdings withholdings) {
        this.records = records;
        this.assessments = assessments;
        this.requests = requests;
        this.withholdings = withholdings;
    }

    void seedAgnes(PartnershipSnapshot snapshot, PersonId agnes, LocalDate seedDay) {
        records.add(
                staff("sw.hamilton"),
                agnes,
                ItemDraft.of(new Alert(
                        AlertType.COMMUNICATION_NEEDS,
                        "Moderate dementia. Speak slowly and face her; one question at a time. She may not remember"
                                + " a visitor was expected: show your badge and say who sent you. Hearing aid in the"
                                + " left ear.",
                        new AlertContact(
                                "Key worker, adult care Hamilton",
                                Username.of("sw.hamilton"),
                                TeamId.of("adult-care-hamilton"),
                                "01698 000 101"))));

        RecordItem draft = assessments.start(staff("sw.hamilton"), agnes, singleSharedAssessment());
        assessments.signOff(staff("sw.hamilton"), draft.id(), draft.version());

        records.add(staff("sw.hamilton"), agnes, ItemDraft.of(carePlan(seedDay)));
        records.add(
                staff("sw.hamilton"),
                agnes,
                ItemDraft.of(new ServiceProvision(
                        "Homecare: personal care, meals and medication prompts",
                        CARING_HANDS,
                        seedDay.minusMonths(6),
                        null,
                        3,
                        null,
                        new BigDecimal("10.50"))));

        RecordItem homeAssessment = records.add(
                staff("ot.hamilton"),
                agnes,
                ItemDraft.document(
                        Category.ASSESSMENT,
                        Sensitivity.NORMAL,
                        new Document(
                                "Occupational therapy home assessment",
                                "Assessed at home. Manages the stairs holding the wall on the left, where there is"
                                        + " no rail; cannot step over the bath side safely and has stopped bathing."
                                        + " Recommend a stair rail on the left of the staircase and a bath board."
                                        + " Daughter present and agrees.")));
        ServiceRequestView request = requests.submit(
                staff("ot.hamilton"),
                new ServiceRequestDraft(
                        agnes,
                        new ServiceRequestDetails.AidsAndAdaptations(
                                List.of(Equipment.STAIR_RAIL, Equipment.BATH_BOARD),
                                homeAssessment.id().reference()),
                        EQUIPMENT,
                        RequestPriority.STANDARD));
        ServiceRequestView accepted = requests.accept(staff("equipment.slc"), request.id(), request.version());
        requests.schedule(staff("equipment.slc"), request.id(), accepted.version(), seedDay.plusDays(9));

        // The health board's copy of a clinic letter, filed by the district nurse who is on Agnes's care team.
        records.add(
                staff("dn.hamilton"),
                agnes,
                ItemDraft.document(
                        Category.HEALTH_DETAIL,
                        Sensitivity.RESTRICTED,
                        new Document(
                                "Old age psychiatry clinic letter",
                                "Reviewed in the memory clinic with her son. Scores lower than at the last review;"
                                        + " diagnosis of Alzheimer's disease of moderate severity confirmed. Mood"
                                        + " low in the evenings. Continue donepezil; no antipsychotic. Review in"
                                        + " six months; please let the clinic know of any falls or wandering.")));

        RecordItem report = records.add(
                staff("sw.hamilton"),
                agnes,
                ItemDraft.document(
                        Category.SOCIAL_WORK_NOTE,
                        Sensitivity.NORMAL,
                        new Document(
                                "Neighbour's report",
                                "A neighbour telephoned: Mrs Thomson was at the neighbour's door twice last week"
                                        + " after dark asking for her late husband. The neighbour asked not to be"
                                        + " named to the family, with whom relations are strained.")));
        withholdings.withhold(
                new WithholdingDraft(
                        agnes,
                        WithholdingTarget.item(report.id().reference()),
                        Exemption.THIRD_PARTY,
                        "The report identifies the neighbour, who asked not to be named to the family.",
                        seedDay.plusMonths(6),
                        null),
                new DemoStories.Staff(snapshot).actor("sw.hamilton"));
    }

    private static Assessment singleSharedAssessment() {
        return new Assessment(
                "Lives alone in a two-storey council house, bedroom and bathroom upstairs. Widowed. Prefers to be"
                        + " called Nan by family and Mrs Thomson by visitors. English.",
                "Wants to stay in her own home. Finds mornings hard and worries about the stairs.",
                List.of(
                        "To stay living at home",
                        "To wash and dress with help in the mornings",
                        "To keep seeing her daughter and the church lunch club"),
                "Moderate dementia (Alzheimer's). Hypertension. Donepezil and amlodipine from a weekly blister"
                        + " pack; forgets doses without a prompt.",
                "Needs prompting and help to wash and dress; manages toileting on her own.",
                "Cannot cook safely: has left the hob on twice. Shopping done by her daughter.",
                "Walks indoors without an aid; holds the wall on the stairs. One fall in the last year, no injury.",
                "Short-term memory poor; repeats questions. Communicates well face to face. Low mood in the"
                        + " evenings.",
                "Daughter Fiona visits three times a week; son David, her welfare attorney, lives in Glasgow."
                        + " Neighbours keep an eye out.",
                "Fiona says she is tired and cannot do more than now; she would like a carer's assessment.",
                "Stair rail missing on the left; bath not usable without a board. Smoke alarm tested. Key safe"
                        + " by the front door.",
                true,
                "Falls on the stairs; missed medication; leaving the hob on; going out at night confused.",
                "Needs daily help with personal care, meals and medication, and adaptations to use the stairs"
                        + " and bath safely; her carer needs support to continue.",
                EligibilityBand.SUBSTANTIAL);
    }

    private static CarePlan carePlan(LocalDate seedDay) {
        AgencyId socialWork = AgencyId.of("slc-social-work");
        return new CarePlan(
                List.of(
                        "Agnes stays safely in her own home",
                        "Agnes is washed, dressed and fed each day and takes her medication",
                        "Fiona is supported in caring for her mother"),
                List.of(
                        new CarePlanAction(
                                "Homecare visits: morning personal care and breakfast, lunch, evening meal and"
                                        + " medication prompts",
                                CARING_HANDS,
                                TeamId.of("caring-hands-homecare"),
                                Username.of("homecare.org"),
                                "three times a day"),
                        new CarePlanAction(
                                "Stair rail and bath board fitted", socialWork, EQUIPMENT, null, "within four weeks"),
                        new CarePlanAction(
                                "Carer's assessment offered to Fiona",
                                socialWork,
                                TeamId.of("adult-care-hamilton"),
                                Username.of("sw.hamilton"),
                                "within a month"),
                        new CarePlanAction(
                                "Memory clinic review",
                                AgencyId.of("nhs-lanarkshire"),
                                null,
                                null,
                                "every six months")),
                seedDay.plusMonths(3),
                List.of());
    }

    private static Requester staff(String username) {
        return new Requester.Staff(Username.of(username), Purpose.DIRECT_CARE, null);
    }
}
