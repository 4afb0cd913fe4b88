package org.ecarehub.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.AgencySystemRules;
import org.ecarehub.access.BreakGlassGrant;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.BreakGlassRequest;
import org.ecarehub.access.DecisionFlag;
import org.ecarehub.access.Holder;
import org.ecarehub.access.LawfulBasis;
import org.ecarehub.access.PortalAccess;
import org.ecarehub.access.PortalRules;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.RepresentativeAccess;
import org.ecarehub.access.RepresentativeRules;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.access.StaffRules;
import org.ecarehub.access.internal.GeneratedPartnership.Staff;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.AuthorityDraft;
import org.ecarehub.consent.AuthorityId;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.Recipient;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
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
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The issue's properties of the access decision, over partnerships, people, relationships, consents, grants and
 * authorities generated from fixed seeds, applied and recorded through the modules' facades in a running hub, and
 * decided by the real decision point against the real log (H2 by default, PostgreSQL under {@code -Pfull}). Each
 * property is judged against the generator's own model of what it made, never against the hub's reading of it. A
 * failure names its seed and case; the same seed makes the same partnership and the same requests again.
 */
@Tag("database")
class AccessPropertiesIntegrationTests {

    static final long[] SEEDS = {7, 1_001, 424_242};
    static final int REQUESTS_PER_SEED = 150;
    static final String JUSTIFICATION = "Concern reported by the school this morning";
    static final String REASON = "Unscheduled visit; checking risks before the home visit";

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static AccessDecisions decisions;
    static DecisionPoint decisionPoint;
    static Partnerships partnerships;
    static JdbcClient jdbc;
    static final Map<Long, World> worlds = new HashMap<>();
    static final Map<Long, Throwable> broken = new HashMap<>();
    static final AtomicLong items = new AtomicLong();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startHub() {
        hub = RunningHub.start("serve", dataDir, TestDatabase.fresh(dataDir), Map.of());
        decisions = hub.bean(AccessDecisions.class);
        decisionPoint = hub.bean(DecisionPoint.class);
        partnerships = hub.bean(Partnerships.class);
        jdbc = hub.bean(JdbcClient.class);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The properties

    @Test
    void aSealedItemReachesOnlyTheOwningAgencysSealedAccessUsersWithARelationship() {
        int sealedAllowed = 0;
        for (long seed : SEEDS) {
            World world = world(seed);
            Random random = new Random(seed ^ 0x5EA1);
            for (int n = 0; n < REQUESTS_PER_SEED; n++) {
                int roll = random.nextInt(100);
                Request request = roll < 45
                        ? world.involvedRequest(random, Sensitivity.SEALED)
                        : roll < 60 ? world.grantRequest(random) : world.randomRequest(random);
                List<AccessDecision> decided = request.decide();
                for (int i = 0; i < decided.size(); i++) {
                    AccessItem item = request.items().get(i);
                    if (item.sensitivity() != Sensitivity.SEALED
                            || !decided.get(i).allowed()) {
                        continue;
                    }
                    sealedAllowed++;
                    String at = world.at(n, request) + " item " + item.id();
                    Staff account = world.model().account(request.deciding());
                    if (account == null && writes(request.action())) {
                        // Decision 0018: the owning agency's own system keeps its sealed records; nothing leaves.
                        assertThat(((Requester.AgencySystem) request.requester()).agency())
                                .as(at + ": a system wrote another agency's sealed item")
                                .isEqualTo(item.owner());
                        continue;
                    }
                    assertThat(account)
                            .as(at + ": a sealed item reached a caller with no staff account")
                            .isNotNull();
                    assertThat(account.agency())
                            .as(at + ": a sealed item reached another agency")
                            .isEqualTo(item.owner().value());
                    assertThat(world.model().sealedAccess(account))
                            .as(at + ": a sealed item reached a user without sealed-access")
                            .isTrue();
                    assertThat(world.related(account, request.person(), GeneratedPartnership.today()))
                            .as(at + ": a sealed item reached a user without a relationship")
                            .isTrue();
                    assertThat(request.action())
                            .as(at + ": a sealed item was exported")
                            .isNotEqualTo(Action.EXPORT);
                }
            }
        }
        assertThat(sealedAllowed)
                .as("no sealed item was ever allowed, so the property was never put to the test")
                .isPositive();
    }

    @Test
    void everyDecisionIsLoggedWithItsPersonOutcomeRulesAndConfigurationVersionBeforeItReturns() {
        int allowedItems = 0;
        for (long seed : SEEDS) {
            World world = world(seed);
            Random random = new Random(seed ^ 0x10C);
            for (int n = 0; n < REQUESTS_PER_SEED; n++) {
                Request request = world.anyRequest(random);
                String at = world.at(n, request);
                long before = lastEventId();
                int version = partnerships.current().version();
                List<AccessDecision> decided = request.decide();
                List<JsonNode> events = accessEventsAfter(before);

                assertThat(events).as(at + ": no access event was logged").isNotEmpty();
                Map<String, AccessDecision> byItem = new HashMap<>();
                for (int i = 0; i < decided.size(); i++) {
                    byItem.put(request.items().get(i).id(), decided.get(i));
                }
                Set<String> loggedAllowed = new HashSet<>();
                Set<String> loggedDenied = new HashSet<>();
                for (JsonNode event : events) {
                    JsonNode why = event.get("why");
                    String decision = why.get("decision").asString();
                    assertThat(event.get("whom").get("person").asString())
                            .as(at + ": the event names another person")
                            .isEqualTo(request.person().value());
                    assertThat(decision).as(at + ": the event's decision").isIn("allow", "deny");
                    assertThat(why.get("configuration").asInt())
                            .as(at + ": the event's configuration version")
                            .isEqualTo(version);
                    assertThat(why.get("purpose").asString())
                            .isEqualTo(request.purpose().code());
                    List<String> rules = strings(why.get("rules"));
                    assertThat(rules).as(at + ": the event names no rule").isNotEmpty();
                    for (String item : strings(event.get("what").get("items"))) {
                        AccessDecision itemDecision = byItem.get(item);
                        assertThat(itemDecision)
                                .as(at + ": the event names an item not asked about")
                                .isNotNull();
                        assertThat(itemDecision.allowed())
                                .as(at + ": the event's decision for " + item)
                                .isEqualTo(decision.equals("allow"));
                        assertThat(rules)
                                .as(at + ": the event's rules for " + item)
                                .isEqualTo(itemDecision.decidingRules());
                        assertThat((decision.equals("allow") ? loggedAllowed : loggedDenied).add(item))
                                .as(at + ": " + item + " is logged twice")
                                .isTrue();
                    }
                }
                Set<String> allowed = new HashSet<>();
                Set<String> denied = new HashSet<>();
                byItem.forEach((item, decision) -> (decision.allowed() ? allowed : denied).add(item));
                assertThat(loggedAllowed)
                        .as(at + ": the items allowed and logged as allowed")
                        .isEqualTo(allowed);
                assertThat(loggedDenied)
                        .as(at + ": the items denied and logged as denied")
                        .isEqualTo(denied);
                allowedItems += allowed.size();
            }
        }
        assertThat(allowedItems).as("nothing was ever allowed").isPositive();
    }

    @Test
    void withdrawingConsentTakesEffectOnTheNextDecision() {
        int cases = 0;
        Consents consents = hub.bean(Consents.class);
        for (long seed : SEEDS) {
            World world = world(seed);
            Random random = new Random(seed ^ 0xC0);
            for (Sharing sharing : world.sharings(random, 6)) {
                cases++;
                String at = "seed " + seed + " case " + cases + " " + sharing;
                PersonId person = world.newPerson(random);
                world.involve(person, Holder.staff(Username.of(sharing.user().username())));
                Request normal = world.request(sharing, person, Sensitivity.NORMAL);
                Request restricted = world.request(sharing, person, Sensitivity.RESTRICTED);

                assertThat(normal.decideOne())
                        .as(at + ": with no consent recorded, a normal item flows on implied consent")
                        .satisfies(decision -> assertThat(decision.allowed()).isTrue())
                        .satisfies(decision -> assertThat(decision.basis()).isEqualTo(LawfulBasis.IMPLIED_CONSENT));

                consents.record(world.consent(person, sharing, ConsentState.GIVEN), world.admin());
                assertThat(normal.decideOne().allowed())
                        .as(at + ": consent given")
                        .isTrue();
                assertThat(normal.decideOne().basis())
                        .as(at + ": consent given")
                        .isEqualTo(LawfulBasis.CONSENT);
                assertThat(restricted.decideOne().allowed())
                        .as(at + ": consent given naming the category reaches a restricted item")
                        .isTrue();

                consents.record(world.consent(person, sharing, ConsentState.WITHDRAWN), world.admin());
                AccessDecision afterWithdrawal = normal.decideOne();
                assertThat(afterWithdrawal.allowed())
                        .as(at + ": the decision right after withdrawal")
                        .isFalse();
                assertThat(afterWithdrawal.decidingRules()).as(at).containsExactly(StaffRules.CONSENT.name());
                assertThat(restricted.decideOne().allowed())
                        .as(at + ": a restricted item right after withdrawal")
                        .isFalse();

                consents.record(world.consent(person, sharing, ConsentState.GIVEN), world.admin());
                assertThat(normal.decideOne().allowed())
                        .as(at + ": consent given again wins over the withdrawal")
                        .isTrue();
            }
        }
        assertThat(cases)
                .as("no generated partnership let any user receive another agency's item")
                .isPositive();
    }

    @Test
    void breakGlassNeverReachesASealedItemAndEndsExactlyAtItsExpiry() {
        int grants = 0;
        for (long seed : SEEDS) {
            World world = world(seed);
            for (BreakGlassGrant grant : world.grants()) {
                grants++;
                Staff user = world.model().account(grant.user().value());
                String at = "seed " + seed + " " + grant;
                Requester requester = new Requester.Staff(grant.user(), grant.purpose(), JUSTIFICATION);
                List<AccessItem> sealed = Stream.of(Category.values())
                        .map(category -> world.item(category, Sensitivity.SEALED, user.agency()))
                        .toList();
                for (Action action : Action.values()) {
                    List<AccessDecision> decided = decisions.decide(requester, action, grant.person(), sealed);
                    for (int i = 0; i < decided.size(); i++) {
                        assertThat(decided.get(i).allowed())
                                .as(at + ": " + action.code() + " of a sealed "
                                        + sealed.get(i).category().code() + " item under break-glass")
                                .isFalse();
                    }
                }

                Category readable = Stream.of(Category.values())
                        .filter(category -> world.model().permits(user, Action.READ, category))
                        .filter(category -> grant.purpose() != Purpose.EMERGENCY
                                || !EnumSet.of(Category.DEMOGRAPHICS, Category.CONTACTS, Category.ALERTS)
                                        .contains(category))
                        .findFirst()
                        .orElse(null);
                if (readable == null) {
                    continue;
                }
                List<AccessItem> own = List.of(world.item(readable, Sensitivity.NORMAL, user.agency()));
                AccessDecision lastMoment = decideAt(
                        requester, grant.person(), own, grant.expiresAt().minusMillis(1));
                assertThat(lastMoment.allowed())
                        .as(at + ": a millisecond before expiry")
                        .isTrue();
                assertThat(lastMoment.flags()).as(at).contains(DecisionFlag.BREAK_GLASS);
                for (Instant outside :
                        List.of(grant.expiresAt(), grant.expiresAt().plusSeconds(3600))) {
                    AccessDecision expired = decideAt(requester, grant.person(), own, outside);
                    assertThat(expired.allowed()).as(at + ": at " + outside).isFalse();
                    assertThat(expired.decidingRules())
                            .as(at + ": at " + outside)
                            .containsExactly(StaffRules.LEGITIMATE_RELATIONSHIP.name());
                }
                assertThat(decideAt(
                                        requester,
                                        grant.person(),
                                        own,
                                        grant.openedAt().minusMillis(1))
                                .allowed())
                        .as(at + ": before it was opened")
                        .isFalse();
            }
        }
        assertThat(grants).as("no break-glass grant was opened").isPositive();
    }

    @Test
    void anExpiredOrUnverifiedAuthorityAllowsNothing() {
        int notActing = 0;
        int acting = 0;
        for (long seed : SEEDS) {
            World world = world(seed);
            for (Representation representation : world.representations()) {
                String at = "seed " + seed + " " + representation;
                RepresentativeAuthority held = world.heldNow(representation);
                assertThat(held.authority().verified())
                        .as(at + ": verified as recorded")
                        .isEqualTo(representation.verified());
                if (representation.kind() == Authority.Kind.WELFARE_ATTORNEY) {
                    assertThat(world.access(representation, held, Category.DEMOGRAPHICS, Sensitivity.NORMAL)
                                    .granterLacksWelfareCapacity())
                            .as(at + ": capacity as assessed")
                            .isEqualTo(representation.lacksCapacity());
                }
                boolean shouldAct = representation.verified() && representation.inForceToday();
                for (Category category : Category.values()) {
                    for (Sensitivity sensitivity : Sensitivity.values()) {
                        RepresentativeAccess access = world.access(representation, held, category, sensitivity);
                        AccessDecision direct = RepresentativeRules.decide(access);
                        AccessDecision portal =
                                PortalRules.decide(new PortalAccess(true, access, null, category, sensitivity));
                        String what = at + " " + category.code() + " " + sensitivity;
                        assertThat(portal.allowed())
                                .as(what + " through the portal rules")
                                .isEqualTo(direct.allowed());
                        if (!shouldAct) {
                            assertThat(direct.allowed()).as(what).isFalse();
                            assertThat(direct.reason()).as(what).isNotBlank();
                            notActing++;
                        } else if (direct.allowed()) {
                            acting++;
                        }
                    }
                }
            }
        }
        assertThat(notActing).as("no authority was unverified or out of force").isPositive();
        assertThat(acting)
                .as("no authority ever allowed anything, so the property proves nothing")
                .isPositive();
    }

    @Test
    void aRepresentativeNeverSeesTheProtectionCategoryAndCannotBeGivenIt() {
        Set<Authority.Kind> actingKinds = EnumSet.noneOf(Authority.Kind.class);
        Representatives representatives = hub.bean(Representatives.class);
        for (long seed : SEEDS) {
            World world = world(seed);
            for (Representation representation : world.representations()) {
                RepresentativeAuthority held = world.heldNow(representation);
                boolean actsForSomething = Stream.of(Category.values())
                        .anyMatch(category -> RepresentativeRules.decide(
                                        world.access(representation, held, category, Sensitivity.NORMAL))
                                .allowed());
                if (actsForSomething) {
                    actingKinds.add(representation.kind());
                }
                for (Sensitivity sensitivity : Sensitivity.values()) {
                    AccessDecision decision = PortalRules.decide(new PortalAccess(
                            true,
                            world.access(representation, held, Category.PROTECTION, sensitivity),
                            null,
                            Category.PROTECTION,
                            sensitivity));
                    assertThat(decision.allowed())
                            .as("seed " + seed + " " + representation + " " + sensitivity)
                            .isFalse();
                }
            }
            for (Authority.Kind kind :
                    List.of(Authority.Kind.WELFARE_GUARDIAN, Authority.Kind.NOMINATED_NEXT_OF_KIN_OR_CARER)) {
                long before = rows("consent_authority");
                AuthorityDraft naming = new AuthorityDraft(
                        world.people().get(0),
                        world.people().get(1),
                        kind,
                        "REF-" + seed,
                        EnumSet.of(Category.CARE_PLAN, Category.PROTECTION),
                        GeneratedPartnership.today().minusDays(10),
                        null);
                assertThatThrownBy(() -> representatives.record(naming, world.admin()))
                        .as("seed " + seed + ": a " + kind + " naming protection")
                        .isInstanceOf(RecordingRefused.class);
                assertThat(rows("consent_authority"))
                        .as("seed " + seed + ": stored")
                        .isEqualTo(before);
            }
        }
        // Parental responsibilities reach every other category of a child's record: the case that would show
        // protection leaking if the check were lost.
        assertThat(actingKinds)
                .as("the kinds of authority that acted for something")
                .contains(
                        Authority.Kind.PARENTAL_RESPONSIBILITY,
                        Authority.Kind.WELFARE_ATTORNEY,
                        Authority.Kind.NOMINATED_NEXT_OF_KIN_OR_CARER);
    }

    @Test
    void everyDenialNamesARuleAndAReason() {
        Set<String> known = new HashSet<>();
        StaffRules.IN_ORDER.forEach(rule -> known.add(rule.name()));
        known.addAll(List.of(
                AgencySystemRules.READS_OWN_AGENCY_RECORDS,
                AgencySystemRules.WRITES_OWN_AGENCY_RECORDS,
                AgencySystemRules.ON_BEHALF_OF_OWN_STAFF));
        Map<String, Integer> denials = new HashMap<>();
        for (long seed : SEEDS) {
            World world = world(seed);
            Random random = new Random(seed ^ 0xDE7);
            for (int n = 0; n < REQUESTS_PER_SEED; n++) {
                Request request = world.anyRequest(random);
                String at = world.at(n, request);
                List<AccessDecision> decided = new ArrayList<>(request.decide());
                for (Category category : Category.values()) {
                    decided.add(decisions.mayAttempt(request.requester(), request.action(), category));
                }
                for (AccessDecision decision : decided) {
                    if (decision.allowed()) {
                        continue;
                    }
                    assertThat(decision.decidingRules())
                            .as(at + ": " + decision)
                            .hasSize(1);
                    assertThat(known)
                            .as(at + ": " + decision)
                            .contains(decision.decidingRules().get(0));
                    assertThat(decision.reason()).as(at + ": " + decision).isNotBlank();
                    denials.merge(decision.decidingRules().get(0), 1, Integer::sum);
                }
            }
        }
        assertThat(denials.keySet())
                .as("the random requests met every staff rule's denial")
                .containsAll(
                        StaffRules.IN_ORDER.stream().map(rule -> rule.name()).toList());
    }

    @Test
    void aPurposeOutsideTheCallersRolesIsAlwaysDenied() {
        int outside = 0;
        for (long seed : SEEDS) {
            World world = world(seed);
            Random random = new Random(seed ^ 0x9);
            for (int n = 0; n < REQUESTS_PER_SEED; n++) {
                Request request = world.randomRequest(random);
                Staff account = world.model().account(request.deciding());
                Set<Purpose> theirs = request.requester() instanceof Requester.AgencySystem system
                                && system.onBehalfOf() == null
                        // Decision 0015: a system acting on its own keeps its own agency's records, nothing more.
                        ? EnumSet.of(Purpose.DIRECT_CARE, Purpose.ADMINISTRATION)
                        : account == null
                                ? EnumSet.noneOf(Purpose.class)
                                : world.model().purposesOf(account);
                if (theirs.contains(request.purpose())) {
                    continue;
                }
                outside++;
                String at = world.at(n, request);
                List<AccessDecision> decided = request.decide();
                for (AccessDecision decision : decided) {
                    assertThat(decision.allowed()).as(at + ": " + decision).isFalse();
                }
                for (Category category : Category.values()) {
                    assertThat(decisions
                                    .mayAttempt(request.requester(), request.action(), category)
                                    .allowed())
                            .as(at + ": may attempt " + category.code())
                            .isFalse();
                }
            }
        }
        assertThat(outside).isPositive();
    }

    static boolean writes(Action action) {
        return action == Action.CREATE || action == Action.UPDATE;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading the log

    static long lastEventId() {
        return jdbc.sql("select coalesce(max(id), -1) from transparency_event")
                .query(Long.class)
                .single();
    }

    static List<JsonNode> accessEventsAfter(long id) {
        return jdbc
                .sql("select event from transparency_event where event_type = ? and id > ? order by id")
                .param(EventType.ACCESS.code())
                .param(id)
                .query(String.class)
                .list()
                .stream()
                .map(json::readTree)
                .toList();
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    static long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    static AccessDecision decideAt(Requester requester, PersonId person, List<AccessItem> items, Instant now) {
        return decisionPoint
                .evaluate(decisionPoint.snapshot().partnership(), requester, Action.READ, person, items, now)
                .get(0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The generated world

    /** A request as the properties make it: who asks (as the decision sees them), and about what. */
    record Request(Requester requester, Action action, PersonId person, List<AccessItem> items) {

        List<AccessDecision> decide() {
            return decisions.decide(requester, action, person, items);
        }

        AccessDecision decideOne() {
            return decide().get(0);
        }

        Purpose purpose() {
            return requester instanceof Requester.Staff staff
                    ? staff.purpose()
                    : ((Requester.AgencySystem) requester).purpose();
        }

        /** The staff account the request is decided as, or null for an agency system on its own. */
        String deciding() {
            if (requester instanceof Requester.Staff staff) {
                return staff.user().value();
            }
            Username onBehalfOf = ((Requester.AgencySystem) requester).onBehalfOf();
            return onBehalfOf == null ? null : onBehalfOf.value();
        }

        @Override
        public String toString() {
            String who = requester instanceof Requester.Staff staff
                    ? "staff " + staff.user().value()
                    : "system of "
                            + ((Requester.AgencySystem) requester).agency().value() + " for " + deciding();
            return who + " " + purpose().code() + " " + action.code() + " "
                    + items.stream()
                            .map(item -> item.category().code() + "/" + item.sensitivity() + "@"
                                    + item.owner().value())
                            .toList();
        }
    }

    /** A user of one agency who may receive a category from another agency for direct care under an agreement. */
    record Sharing(Staff user, String owner, Category category) {

        @Override
        public String toString() {
            return user.username() + " receives " + category.code() + " from " + owner;
        }
    }

    /**
     * An authority recorded for the representative properties, and what was done to it.
     *
     * @param lacksCapacity a welfare attorney's granter was assessed as lacking capacity for welfare decisions
     */
    record Representation(
            PersonId person,
            PersonId representative,
            LocalDate born,
            AuthorityId id,
            Authority.Kind kind,
            boolean verified,
            LocalDate start,
            LocalDate lastDay,
            boolean lacksCapacity) {

        boolean inForceToday() {
            LocalDate today = GeneratedPartnership.today();
            return !today.isBefore(start) && (lastDay == null || !today.isAfter(lastDay));
        }

        @Override
        public String toString() {
            return kind + " " + id + (verified ? " verified" : " unverified") + " from " + start + " to " + lastDay;
        }
    }

    /** A sharing put to use: its user is involved with the person. */
    record Shared(Sharing sharing, PersonId person) {}

    record Involvement(PersonId person, String user, String team, LocalDate start, LocalDate end) {

        boolean reaches(Staff someone) {
            return someone.username().equals(user)
                    || (team != null && someone.teams().contains(team));
        }

        boolean activeOn(LocalDate day) {
            return !day.isBefore(start) && (end == null || !day.isAfter(end));
        }
    }

    static World world(long seed) {
        GeneratedPartnership model = GeneratedPartnership.generate(seed);
        PartnershipSnapshot snapshot;
        try {
            snapshot = partnerships.apply("seed-" + seed, model.yaml(), "access property tests");
        } catch (Partnerships.PartnershipRejected e) {
            throw new AssertionError("seed " + seed + ": the generated partnership was rejected: " + e.problems());
        }
        // A world that failed to build failed for good: building it again would meet what it recorded the first time.
        if (broken.containsKey(seed)) {
            throw new AssertionError("seed " + seed + ": the world could not be built", broken.get(seed));
        }
        try {
            return worlds.computeIfAbsent(seed, key -> new World(model, snapshot.version()));
        } catch (RuntimeException | AssertionError e) {
            broken.put(seed, e);
            throw e;
        }
    }

    /**
     * One seed's people, relationships, consents, grants and authorities, recorded through the facades while the
     * seed's partnership is in force, and the generator's record of them, which the properties judge by.
     */
    static final class World {

        private final GeneratedPartnership model;
        private final int version;
        private final Random random;
        private final List<PersonId> people = new ArrayList<>();
        private final Map<PersonId, LocalDate> born = new HashMap<>();
        private final List<Involvement> involvements = new ArrayList<>();
        private final List<BreakGlassGrant> grants = new ArrayList<>();
        private final List<Representation> representations = new ArrayList<>();
        private final List<Shared> shared = new ArrayList<>();

        World(GeneratedPartnership model, int version) {
            this.model = model;
            this.version = version;
            this.random = new Random(model.seed() * 31 + 17);
            for (int i = 0; i < 10; i++) {
                newPerson(random);
            }
            List<Staff> active = activeStaff();
            List<GeneratedPartnership.Team> teams = model.teams().stream()
                    .filter(team -> model.agency(team.agency()).active())
                    .toList();
            for (PersonId person : people) {
                int count = 2 + random.nextInt(3);
                for (int k = 0; k < count; k++) {
                    Holder holder = teams.isEmpty() || random.nextInt(100) < 70
                            ? Holder.staff(Username.of(pick(random, active).username()))
                            : Holder.team(TeamId.of(pick(random, teams).id()));
                    startRelationship(person, holder, random);
                }
            }
            // Every sealed-access user gets someone to be involved with, so the sealed property meets them.
            for (Staff user : active) {
                if (model.sealedAccess(user)) {
                    startRelationship(pick(random, people), Holder.staff(Username.of(user.username())), random);
                }
            }
            // Users who may receive another agency's category get someone to receive it about; some of those people
            // refused consent, so rules 7 and 8 meet requests that got past the rules before them.
            for (Sharing sharing : sharings(random, 8)) {
                PersonId person = pick(random, people);
                involve(person, Holder.staff(Username.of(sharing.user().username())));
                shared.add(new Shared(sharing, person));
                if (random.nextBoolean()) {
                    hub.bean(Consents.class)
                            .record(
                                    new ConsentDraft(
                                            person,
                                            Purpose.DIRECT_CARE,
                                            Set.of(),
                                            List.of(Recipient.agency(
                                                    AgencyId.of(sharing.user().agency()))),
                                            ConsentState.REFUSED,
                                            null,
                                            ConsentEvidence.verbal(),
                                            GeneratedPartnership.today().minusDays(3),
                                            null),
                                    admin());
                }
            }
            openGrants();
            recordConsents();
            recordAuthorities();
        }

        GeneratedPartnership model() {
            return model;
        }

        List<PersonId> people() {
            return people;
        }

        List<BreakGlassGrant> grants() {
            return grants;
        }

        List<Representation> representations() {
            return representations;
        }

        String at(int n, Request request) {
            return "seed " + model.seed() + " request " + n + " (" + request + ")";
        }

        Actor admin() {
            return actor(model.account(model.guardian()));
        }

        Actor actor(Staff account) {
            return Actor.staff(
                    Username.of(account.username()), AgencyId.of(account.agency()), account.roles(), version);
        }

        List<Staff> activeStaff() {
            return model.staff().stream().filter(model::activeMember).toList();
        }

        PersonId newPerson(Random random) {
            return newPerson(random, 2 + random.nextInt(85));
        }

        PersonId newPerson(Random random, int age) {
            String agency = model.agencies().get(0).id();
            LocalDate dateOfBirth = GeneratedPartnership.today().minusYears(age).minusDays(random.nextInt(365));
            AgencyRecord record = new AgencyRecord(
                    AgencyRecordId.of(agency, "P-" + UUID.randomUUID()),
                    new Demographics(
                            letters(random, 7),
                            null,
                            letters(random, 10),
                            List.of(),
                            dateOfBirth,
                            random.nextBoolean() ? Sex.FEMALE : Sex.MALE,
                            List.of(),
                            null,
                            null));
            PersonId person = hub.bean(PersonIndex.class)
                    .submit(record, Actor.agencySystem(AgencyId.of(agency), version))
                    .person();
            people.add(person);
            born.put(person, dateOfBirth);
            return person;
        }

        void startRelationship(PersonId person, Holder holder, Random random) {
            LocalDate today = GeneratedPartnership.today();
            LocalDate start = today.minusDays(1 + random.nextInt(400));
            LocalDate end = null;
            int when = random.nextInt(100);
            if (when < 20) {
                end = today.minusDays(1 + random.nextInt(20));
                if (end.isBefore(start)) {
                    start = end.minusDays(5);
                }
            } else if (when < 28) {
                start = today.plusDays(1 + random.nextInt(10));
            }
            RelationshipKind kind = RelationshipKind.values()[random.nextInt(RelationshipKind.values().length)];
            hub.bean(Relationships.class).start(new RelationshipDraft(person, holder, kind, start, end, null), admin());
            involvements.add(new Involvement(
                    person,
                    holder.user() == null ? null : holder.user().value(),
                    holder.team() == null ? null : holder.team().value(),
                    start,
                    end));
        }

        /** A relationship active from yesterday, open-ended. */
        void involve(PersonId person, Holder holder) {
            LocalDate start = GeneratedPartnership.today().minusDays(1);
            hub.bean(Relationships.class)
                    .start(RelationshipDraft.of(person, holder, RelationshipKind.CARE_TEAM, start), admin());
            involvements.add(new Involvement(
                    person,
                    holder.user() == null ? null : holder.user().value(),
                    holder.team() == null ? null : holder.team().value(),
                    start,
                    null));
        }

        /** The user, or a team of theirs, is involved with the person on the day, by the world's own record. */
        boolean related(Staff user, PersonId person, LocalDate day) {
            return involvements.stream()
                    .filter(involvement -> involvement.person().equals(person) && involvement.activeOn(day))
                    .anyMatch(involvement -> involvement.reaches(user));
        }

        boolean everInvolved(Staff user, PersonId person) {
            return involvements.stream()
                    .filter(involvement -> involvement.person().equals(person))
                    .anyMatch(involvement -> involvement.reaches(user));
        }

        private void openGrants() {
            List<Staff> active = activeStaff();
            LocalDate today = GeneratedPartnership.today();
            Set<String> opened = new HashSet<>();
            for (int attempt = 0; attempt < 40 && grants.size() < 8; attempt++) {
                Staff user = pick(random, active);
                PersonId person = pick(random, people);
                // Not even a relationship starting tomorrow, which a grant of up to 24 hours could outlive.
                if (everInvolved(user, person) || !opened.add(user.username() + "/" + person.value())) {
                    continue;
                }
                List<Purpose> purposes = List.copyOf(model.purposesOf(user));
                BreakGlassRequest request = new BreakGlassRequest(
                        Username.of(user.username()),
                        REASON,
                        pick(random, purposes),
                        Duration.ofMinutes(30 + random.nextInt(24 * 60 - 30)));
                grants.add(hub.bean(BreakGlassGrants.class).open(person, request, actor(user)));
            }
        }

        private void recordConsents() {
            Consents consents = hub.bean(Consents.class);
            LocalDate today = GeneratedPartnership.today();
            for (int i = 0; i < 12; i++) {
                Set<Category> categories = EnumSet.noneOf(Category.class);
                if (random.nextInt(100) < 70) {
                    for (Category category : Category.values()) {
                        if (random.nextInt(100) < 30) {
                            categories.add(category);
                        }
                    }
                }
                Recipient recipient = random.nextInt(100) < 80
                        ? Recipient.agency(
                                AgencyId.of(pick(random, model.agencies()).id()))
                        : Recipient.type(AgencyType.values()[random.nextInt(AgencyType.values().length)]);
                ConsentState[] states = {ConsentState.GIVEN, ConsentState.REFUSED, ConsentState.WITHDRAWN};
                consents.record(
                        new ConsentDraft(
                                pick(random, people),
                                random.nextInt(100) < 75
                                        ? Purpose.DIRECT_CARE
                                        : pick(random, List.of(Purpose.values())),
                                categories,
                                List.of(recipient),
                                states[random.nextInt(states.length)],
                                null,
                                ConsentEvidence.verbal(),
                                today.minusDays(random.nextInt(100)),
                                null),
                        admin());
            }
        }

        private void recordAuthorities() {
            Representatives representatives = hub.bean(Representatives.class);
            LocalDate today = GeneratedPartnership.today();
            Authority.Kind[] kinds = Authority.Kind.values();
            List<PersonId> adults = List.copyOf(people);
            for (int i = 0; i < 3 * kinds.length; i++) {
                // Every kind at least three times, the first time verified and in force, so that each property
                // meets an authority that acts; parental responsibilities over a child, whom they reach.
                Authority.Kind kind = kinds[i % kinds.length];
                boolean live = i < kinds.length;
                // A granter of a welfare power of attorney of their own, so that no later assessment overrides theirs.
                PersonId person = switch (kind) {
                    case PARENTAL_RESPONSIBILITY -> newPerson(random, 1 + random.nextInt(15));
                    case WELFARE_ATTORNEY -> newPerson(random, 40 + random.nextInt(50));
                    default -> adults.get(i % adults.size());
                };
                PersonId representative = pick(
                        random,
                        adults.stream().filter(other -> !other.equals(person)).toList());
                Set<Category> categories = EnumSet.noneOf(Category.class);
                for (Category category : Category.values()) {
                    if (category != Category.PROTECTION && random.nextInt(100) < 50) {
                        categories.add(category);
                    }
                }
                if (categories.isEmpty()) {
                    categories.add(Category.CARE_PLAN);
                }
                LocalDate start = !live && random.nextInt(100) < 20
                        ? today.plusDays(1 + random.nextInt(30))
                        : today.minusDays(40 + random.nextInt(300));
                boolean lacksCapacity = live || random.nextInt(100) < 70;
                if (kind == Authority.Kind.WELFARE_ATTORNEY) {
                    representatives.recordAssessment(
                            person, today.minusDays(5), Set.of(DecisionArea.WELFARE), lacksCapacity, admin());
                }
                RepresentativeAuthority recorded = representatives.record(
                        new AuthorityDraft(
                                person, representative, kind, "OPG-" + model.seed() + "-" + i, categories, start, null),
                        admin());
                boolean verified = live || random.nextInt(100) < 60;
                if (verified) {
                    representatives.verify(recorded.id(), admin());
                }
                LocalDate lastDay = null;
                if (!live && !start.isAfter(today) && random.nextInt(100) < 40) {
                    lastDay = today.minusDays(1 + random.nextInt(30));
                    representatives.end(recorded.id(), lastDay, admin());
                }
                representations.add(new Representation(
                        person,
                        representative,
                        born.get(person),
                        recorded.id(),
                        kind,
                        verified,
                        start,
                        lastDay,
                        kind == Authority.Kind.WELFARE_ATTORNEY && lacksCapacity));
            }
        }

        /** The authority as the consent module holds it now. */
        RepresentativeAuthority heldNow(Representation representation) {
            return hub.bean(Representatives.class).authoritiesOver(representation.person()).stream()
                    .filter(held -> held.id().equals(representation.id()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("seed " + model.seed() + ": " + representation + " is lost"));
        }

        /** What the representative rules need, from the consent module's facades and the person's date of birth. */
        RepresentativeAccess access(
                Representation representation,
                RepresentativeAuthority held,
                Category category,
                Sensitivity sensitivity) {
            Representatives representatives = hub.bean(Representatives.class);
            LocalDate today = GeneratedPartnership.today();
            return new RepresentativeAccess(
                    held.authority(),
                    representatives.lacksCapacity(representation.person(), DecisionArea.WELFARE, today),
                    Period.between(representation.born(), today).getYears(),
                    representatives.keptFromParents(representation.person(), today),
                    false,
                    category,
                    sensitivity,
                    today);
        }

        AccessItem item(Category category, Sensitivity sensitivity, String owner) {
            return new AccessItem("item-" + items.incrementAndGet(), category, sensitivity, AgencyId.of(owner));
        }

        /** Anyone (a staff account, an inactive one, an unknown one, or an agency system) asking anything. */
        Request randomRequest(Random random) {
            int who = random.nextInt(100);
            Staff user = pick(random, model.staff());
            Purpose purpose = random.nextBoolean()
                    ? pick(random, List.of(Purpose.values()))
                    : pick(random, List.copyOf(model.purposesOf(user)));
            String justification = random.nextInt(100) < 40 ? JUSTIFICATION : null;
            Requester requester;
            if (who < 80) {
                requester = new Requester.Staff(Username.of(user.username()), purpose, justification);
            } else if (who < 83) {
                requester = new Requester.Staff(Username.of("s" + model.seed() + "-nobody"), purpose, justification);
            } else {
                String agency = random.nextBoolean()
                        ? user.agency()
                        : pick(random, model.agencies()).id();
                requester = new Requester.AgencySystem(
                        AgencyId.of(agency),
                        agency + "-system",
                        random.nextBoolean() ? Username.of(user.username()) : null,
                        purpose,
                        justification);
            }
            PersonId person = pick(random, people);
            List<AccessItem> asked = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                String owner = random.nextBoolean()
                        ? user.agency()
                        : pick(random, model.agencies()).id();
                asked.add(item(pick(random, List.of(Category.values())), sensitivity(random), owner));
            }
            return new Request(requester, pick(random, List.of(Action.values())), person, asked);
        }

        /**
         * A staff account asking about someone they (or a team of theirs) were once involved with, for a purpose their
         * roles allow, about categories their roles let them act on: the requests that get past rules 1 to 3 and 6.
         *
         * @param sensitivity every item's sensitivity, or null for random ones
         */
        Request involvedRequest(Random random, Sensitivity sensitivity) {
            Involvement involvement = pick(random, involvements);
            List<Staff> reached =
                    model.staff().stream().filter(involvement::reaches).toList();
            if (reached.isEmpty()) {
                return randomRequest(random);
            }
            Staff user = pick(random, reached);
            Action action = random.nextInt(100) < 70 ? Action.READ : pick(random, List.of(Action.values()));
            List<Category> permitted = Stream.of(Category.values())
                    .filter(category -> model.permits(user, action, category))
                    .toList();
            if (permitted.isEmpty()) {
                return randomRequest(random);
            }
            List<AccessItem> asked = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                String owner = random.nextInt(100) < 70
                        ? user.agency()
                        : pick(random, model.agencies()).id();
                asked.add(
                        item(pick(random, permitted), sensitivity == null ? sensitivity(random) : sensitivity, owner));
            }
            return new Request(
                    new Requester.Staff(
                            Username.of(user.username()),
                            pick(random, List.copyOf(model.purposesOf(user))),
                            random.nextBoolean() ? JUSTIFICATION : null),
                    action,
                    involvement.person(),
                    asked);
        }

        /** A break-glass holder asking, under the grant's purpose, for their own agency's sealed items of the person. */
        Request grantRequest(Random random) {
            if (grants.isEmpty()) {
                return randomRequest(random);
            }
            BreakGlassGrant grant = pick(random, grants);
            Staff user = model.account(grant.user().value());
            List<AccessItem> asked = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                asked.add(item(pick(random, List.of(Category.values())), Sensitivity.SEALED, user.agency()));
            }
            return new Request(
                    new Requester.Staff(grant.user(), grant.purpose(), JUSTIFICATION),
                    random.nextInt(100) < 70 ? Action.READ : pick(random, List.of(Action.values())),
                    grant.person(),
                    asked);
        }

        /**
         * A user asking about someone they are involved with for an item of an agency that shares with theirs: the
         * requests that reach rules 7 and 8. Falls back to {@link #involvedRequest} when the partnership shares nothing.
         */
        Request sharedRequest(Random random) {
            if (shared.isEmpty()) {
                return involvedRequest(random, null);
            }
            Shared use = pick(random, shared);
            Staff user = use.sharing().user();
            Purpose purpose =
                    random.nextInt(100) < 70 ? Purpose.DIRECT_CARE : pick(random, List.copyOf(model.purposesOf(user)));
            List<AccessItem> asked = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                asked.add(item(
                        use.sharing().category(),
                        sensitivity(random),
                        use.sharing().owner()));
            }
            return new Request(
                    new Requester.Staff(
                            Username.of(user.username()), purpose, random.nextBoolean() ? JUSTIFICATION : null),
                    Action.READ,
                    use.person(),
                    asked);
        }

        /** A random, an involved or a shared request, a third of each. */
        Request anyRequest(Random random) {
            int roll = random.nextInt(3);
            return roll == 0
                    ? randomRequest(random)
                    : roll == 1 ? involvedRequest(random, null) : sharedRequest(random);
        }

        /**
         * Up to {@code limit} users who may, by the model, read a category of another active agency for direct care:
         * an agreement in force lets it flow, with restricted items only on consent (no implied-consent agreement).
         */
        List<Sharing> sharings(Random random, int limit) {
            LocalDate today = GeneratedPartnership.today();
            List<Sharing> found = new ArrayList<>();
            for (Staff user : activeStaff()) {
                if (!model.purposesOf(user).contains(Purpose.DIRECT_CARE)) {
                    continue;
                }
                for (GeneratedPartnership.Agency owner : model.agencies()) {
                    if (owner.id().equals(user.agency())) {
                        continue;
                    }
                    for (Category category : Category.values()) {
                        if (model.permits(user, Action.READ, category)
                                && model.agreementLets(
                                        owner.id(), user.agency(), category, Purpose.DIRECT_CARE, today)) {
                            found.add(new Sharing(user, owner.id(), category));
                        }
                    }
                }
            }
            Collections.shuffle(found, random);
            return found.subList(0, Math.min(limit, found.size()));
        }

        Request request(Sharing sharing, PersonId person, Sensitivity sensitivity) {
            AccessItem item = item(sharing.category(), sensitivity, sharing.owner());
            return new Request(
                    new Requester.Staff(Username.of(sharing.user().username()), Purpose.DIRECT_CARE, null),
                    Action.READ,
                    person,
                    List.of(item));
        }

        ConsentDraft consent(PersonId person, Sharing sharing, ConsentState state) {
            return new ConsentDraft(
                    person,
                    Purpose.DIRECT_CARE,
                    Set.of(sharing.category()),
                    List.of(Recipient.agency(AgencyId.of(sharing.user().agency()))),
                    state,
                    null,
                    ConsentEvidence.written(),
                    GeneratedPartnership.today(),
                    null);
        }

        private static Sensitivity sensitivity(Random random) {
            int roll = random.nextInt(100);
            return roll < 50 ? Sensitivity.NORMAL : roll < 75 ? Sensitivity.RESTRICTED : Sensitivity.SEALED;
        }
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String letters(Random random, int length) {
        StringBuilder name = new StringBuilder();
        name.append((char) ('A' + random.nextInt(26)));
        for (int i = 1; i < length; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        return name.toString();
    }
}
