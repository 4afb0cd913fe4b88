package org.ecarehub.messaging.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.ecarehub.access.Requester;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.Delivery;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.person.Submission;
import org.ecarehub.protection.ConcernPerson;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.ProtectionMessageDraft;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sender of the kill -9 test and the messages benchmark: each message is a real protection message, a concern
 * about a child naming the child's parent, raised with {@link ProtectionMessages#raise} by a North Lanarkshire social
 * worker and routed by {@link #partnershipFile} to one team of each of the five receiving agencies, each of which has a
 * rest-hook subscription. Raising delivers once per receiving team, so each message makes exactly one delivery per
 * agency of {@link #RECEIVERS}.
 *
 * <p>The people named come from a pool of families created at start through the person index, named in rotation, so
 * that each child's relationships (raising gives every receiving team one with each person named) grow as a busy
 * partnership's would rather than without bound on one child.
 */
final class MessageProducer {

    /** The five receiving agencies, each with its own rest-hook endpoint in the harnesses. */
    static final List<AgencyId> RECEIVERS = List.of(
            new AgencyId("police-scotland"),
            new AgencyId("nhs-lanarkshire"),
            new AgencyId("slc-social-work"),
            new AgencyId("slc-housing"),
            new AgencyId("slc-education"));

    /** The team of each receiving agency that receives every child concern, in {@link #RECEIVERS}' order. */
    static final List<TeamId> RECEIVING_TEAMS = List.of(
            new TeamId("lanarkshire-concern-hub"),
            new TeamId("health-visiting-blantyre"),
            new TeamId("children-families-blantyre"),
            new TeamId("housing-east-kilbride"),
            new TeamId("blantyre-primary"));

    /**
     * The sender: a social worker of an agency outside the five (North Lanarkshire), so that no receiving team is the
     * sender's own, which routing would leave out.
     */
    static final Username SENDER = new Username("sw.airdrie");

    private static final AgencyId SENDER_AGENCY = new AgencyId("nlc-social-work");
    private static final List<String> GIVEN =
            List.of("Aileen", "Bruce", "Calum", "Dorothy", "Euan", "Flora", "Gregor", "Hamish", "Isla", "Jamie");
    private static final String CONCERN = "Neighbours report the child left alone overnight; the parent was not"
            + " reachable and the home was found cold and without food.";

    /** A committed message: the focus its notifications name, its subject, and its deliveries in RECEIVERS' order. */
    record Sent(String focus, PersonId subject, List<DeliveryId> deliveries) {}

    /** A child and the parent named with them. */
    record Family(PersonId child, PersonId parent) {}

    private final TransactionTemplate transactions;
    private final ProtectionMessages messages;
    private final Deliveries deliveries;
    private final List<Family> families;
    private final Requester sender =
            new Requester.Staff(SENDER, Purpose.CHILD_PROTECTION, "Concern about a child's safety at home");

    /** Creates {@code families} children and their parents in the person index of the hub. */
    MessageProducer(RunningHub hub, int families) {
        this.transactions = hub.bean(TransactionTemplate.class);
        this.messages = hub.bean(ProtectionMessages.class);
        this.deliveries = hub.bean(Deliveries.class);
        this.families = createFamilies(hub, families);
    }

    /**
     * The demo partnership file with a subscription for each agency of {@code endpoints} and a routing that sends every
     * child concern to {@link #RECEIVING_TEAMS}, in office hours and out of them alike (the same teams are the
     * out-of-hours teams), and to no team merely involved with the child, so that a message makes one delivery per
     * receiving agency however often its child has been named before.
     */
    static String partnershipFile(Map<String, String> endpoints, java.nio.file.Path secretFile) {
        String teams =
                String.join(", ", RECEIVING_TEAMS.stream().map(TeamId::value).toList());
        return MessagingTestPartnership.withRouting(
                MessagingTestPartnership.withSubscriptions(endpoints, secretFile),
                String.join(
                        "\n",
                        "protection-message-routing:",
                        "  out-of-hours: [" + teams + "]",
                        "  child: [" + teams + "]",
                        "  adult: [adult-care-hamilton]",
                        "  involved-teams: false",
                        "  acknowledge-within:",
                        "    urgent: PT1H",
                        "    standard: PT24H",
                        "  escalate-to-duty-officer-after: PT1H",
                        "  team-manager-roles: [team-manager]",
                        ""));
    }

    /** Raises message {@code number} and returns once its transaction has committed. */
    Sent raise(int number) {
        Family family = families.get(Math.floorMod(number, families.size()));
        ProtectionMessageDraft draft = new ProtectionMessageDraft(
                ConcernKind.CHILD,
                ConcernPriority.STANDARD,
                CONCERN,
                List.of(
                        ConcernPerson.of(family.child(), ConcernRole.SUBJECT),
                        ConcernPerson.of(family.parent(), ConcernRole.PARENT)));
        // One transaction around raising and reading back its deliveries: the ids are those of what committed.
        return Objects.requireNonNull(transactions.execute(status -> {
            ProtectionMessageView raised = messages.raise(sender, draft);
            String focus = raised.id().focus();
            Map<AgencyId, DeliveryId> byAgency = new LinkedHashMap<>();
            for (Delivery delivery : deliveries.deliveriesOf(focus)) {
                Receiver.Agency receiver = (Receiver.Agency) delivery.receiver();
                if (byAgency.put(receiver.agency(), delivery.id()) != null) {
                    throw new IllegalStateException(focus + " made two deliveries to "
                            + receiver.agency().value());
                }
            }
            if (!byAgency.keySet().equals(Set.copyOf(RECEIVERS))) {
                throw new IllegalStateException(
                        focus + " was delivered to " + byAgency.keySet() + ", not " + RECEIVERS);
            }
            return new Sent(
                    focus, family.child(), RECEIVERS.stream().map(byAgency::get).toList());
        }));
    }

    private static List<Family> createFamilies(RunningHub hub, int count) {
        LocalDate today = LocalDate.ofInstant(hub.bean(Clock.class).instant(), ZoneId.of("Europe/London"));
        Random random = new Random(7);
        List<AgencyRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String family = familyName(random);
            records.add(record(
                    "NLC-C-" + i,
                    GIVEN.get(random.nextInt(GIVEN.size())),
                    family,
                    today.minusYears(3).minusDays(random.nextInt(4000))));
            records.add(record(
                    "NLC-A-" + i,
                    GIVEN.get(random.nextInt(GIVEN.size())),
                    family,
                    today.minusYears(22).minusDays(random.nextInt(8000))));
        }
        List<PersonId> people = new ArrayList<>();
        Actor system = Actor.agencySystem(SENDER_AGENCY, 1);
        PersonIndex index = hub.bean(PersonIndex.class);
        for (int from = 0; from < records.size(); from += 100) {
            for (Submission submission :
                    index.submitAll(records.subList(from, Math.min(records.size(), from + 100)), system)) {
                people.add(submission.person());
            }
        }
        if (new HashSet<>(people).size() != people.size()) {
            // Matching took two of the generated records for one person: a message would then name someone twice.
            throw new IllegalStateException("the person index linked generated people; change the generator's seed");
        }
        List<Family> families = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            families.add(new Family(people.get(2 * i), people.get(2 * i + 1)));
        }
        return List.copyOf(families);
    }

    private static String familyName(Random random) {
        StringBuilder name = new StringBuilder().append((char) ('A' + random.nextInt(26)));
        for (int i = 0; i < 7; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        return name.toString();
    }

    private static AgencyRecord record(String local, String given, String family, LocalDate born) {
        return new AgencyRecord(
                AgencyRecordId.of(SENDER_AGENCY.value(), local),
                new Demographics(given, null, family, List.of(), born, Sex.UNKNOWN, List.of(), null, null));
    }
}
