package org.ecarehub.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.AuthorityDraft;
import org.ecarehub.consent.AuthorityRecorded;
import org.ecarehub.consent.AuthorityVerified;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentGiven;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.ConsentWithdrawn;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.Exemption;
import org.ecarehub.consent.OnBehalfOf;
import org.ecarehub.consent.Recipient;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.consent.Withholding;
import org.ecarehub.consent.WithholdingDecided;
import org.ecarehub.consent.WithholdingDraft;
import org.ecarehub.consent.WithholdingTarget;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The consent module in a running hub over a real database: each change stored, logged and published; history kept;
 * and every refusal leaving the tables and the log as they were. Each test has people of its own.
 */
@Tag("database")
class ConsentIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static Consents consents;
    static Representatives representatives;
    static Withholdings withholdings;
    static RunningHub.PublishedEvents events;

    static final LocalDate TODAY = LocalDate.now();
    static final AgencyId HOUSING = AgencyId.of("slc-housing");
    static final Actor socialWorker =
            Actor.staff(Username.of("sw.hamilton"), AgencyId.of("slc-social-work"), List.of("social-worker"), 1);
    static final Actor blantyreWorker =
            Actor.staff(Username.of("sw.blantyre"), AgencyId.of("slc-social-work"), List.of("social-worker"), 1);

    @BeforeAll
    static void startHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        consents = hub.bean(Consents.class);
        representatives = hub.bean(Representatives.class);
        withholdings = hub.bean(Withholdings.class);
        events = hub.recordEvents();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    /** A new person in the index, born on the day given. */
    static PersonId person(String born) {
        return ConsentIntegrationTestsPeople.person(hub, born);
    }

    static long rows(String table) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from " + table)
                .query(Long.class)
                .single();
    }

    static long logEvents(EventType type) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from transparency_event where event_type = ?")
                .param(type.code())
                .query(Long.class)
                .single();
    }

    static Map<String, Long> everything() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of(
                "consent_consent",
                "consent_capacity",
                "consent_authority",
                "consent_kept_from_parents",
                "consent_withholding",
                "consent_withholding_review",
                "consent_change")) {
            counts.put(table, rows(table));
        }
        for (EventType type : List.of(EventType.CONSENT, EventType.AUTHORITY, EventType.WITHHOLDING)) {
            counts.put(type.jsonName(), logEvents(type));
        }
        return counts;
    }

    /** Asserts the change is refused with the message and leaves every table and the log as they were. */
    static void refusedAndNothingStored(Supplier<?> change, String message) {
        Map<String, Long> before = everything();
        assertThatThrownBy(change::get).isInstanceOf(RecordingRefused.class).hasMessage(message);
        assertThat(everything()).isEqualTo(before);
    }

    static ConsentDraft toHousing(PersonId person, ConsentState status, LocalDate start, LocalDate end) {
        return new ConsentDraft(
                person,
                Purpose.DIRECT_CARE,
                Set.of(),
                List.of(Recipient.agency(HOUSING)),
                status,
                null,
                ConsentEvidence.written(),
                start,
                end);
    }

    static ConsentState latestToHousing(PersonId person) {
        return consents.latest(
                        person, Purpose.DIRECT_CARE, HOUSING, AgencyType.COUNCIL_HOUSING, Category.CONTACTS, TODAY)
                .state();
    }

    @Nested
    class Consenting {

        @Test
        void recordsAConsentLogsItAndPublishesConsentGiven() {
            PersonId person = person("1950-01-01");
            long logged = logEvents(EventType.CONSENT);

            Consent consent = consents.record(toHousing(person, ConsentState.GIVEN, TODAY, null), socialWorker);

            assertThat(logEvents(EventType.CONSENT)).isEqualTo(logged + 1);
            assertThat(events.ofType(ConsentGiven.class)).contains(new ConsentGiven(consent.id(), person));
            assertThat(consents.history(person)).containsExactly(consent);
            assertThat(consent.recordedBy().reference()).isEqualTo("staff:sw.hamilton");
        }

        @Test
        void keepsHistoryAndLetsAWithdrawalTakeEffectOnTheNextQuestion() {
            PersonId person = person("1951-02-02");
            assertThat(latestToHousing(person)).isEqualTo(ConsentState.NONE);
            Consent given = consents.record(toHousing(person, ConsentState.GIVEN, TODAY, null), socialWorker);
            assertThat(latestToHousing(person)).isEqualTo(ConsentState.GIVEN);

            Consent withdrawn = consents.record(toHousing(person, ConsentState.WITHDRAWN, TODAY, null), socialWorker);

            assertThat(latestToHousing(person)).isEqualTo(ConsentState.WITHDRAWN);
            assertThat(consents.history(person)).containsExactly(given, withdrawn);
            assertThat(events.ofType(ConsentWithdrawn.class)).contains(new ConsentWithdrawn(withdrawn.id(), person));
        }

        @Test
        void refusesAConsentEndingBeforeItStarts() {
            PersonId person = person("1952-03-03");
            refusedAndNothingStored(
                    () -> consents.record(
                            toHousing(person, ConsentState.GIVEN, TODAY, TODAY.minusDays(1)), socialWorker),
                    "a consent cannot end before it starts");
        }

        @Test
        void refusesAConsentForSomeoneNotInTheIndex() {
            refusedAndNothingStored(
                    () -> consents.record(toHousing(PersonId.random(), ConsentState.GIVEN, TODAY, null), socialWorker),
                    "the person is not in the person index");
        }

        @Test
        void letsAVerifiedWelfareAttorneyDecideOnlyOnceCapacityIsLacking() {
            PersonId agnes = person("1941-03-14");
            PersonId david = person("1968-07-22");
            RepresentativeAuthority attorney = representatives.record(
                    new AuthorityDraft(
                            agnes,
                            david,
                            Authority.Kind.WELFARE_ATTORNEY,
                            "OPG-WPA-2019-004417",
                            Set.of(),
                            TODAY.minusYears(1),
                            null),
                    socialWorker);
            ConsentDraft byDavid = new ConsentDraft(
                    agnes,
                    Purpose.DIRECT_CARE,
                    Set.of(Category.CARE_PLAN),
                    List.of(Recipient.type(AgencyType.CARE_PROVIDER)),
                    ConsentState.GIVEN,
                    new OnBehalfOf(david, attorney.id()),
                    ConsentEvidence.written(),
                    TODAY,
                    null);

            refusedAndNothingStored(
                    () -> consents.record(byDavid, socialWorker),
                    "the representative's authority has not been verified");
            representatives.verify(attorney.id(), socialWorker);
            refusedAndNothingStored(
                    () -> consents.record(byDavid, socialWorker),
                    "the representative cannot decide for this person: a welfare power of attorney acts only once"
                            + " the person is assessed as lacking capacity");
            representatives.recordAssessment(
                    agnes, TODAY.minusMonths(8), Set.of(DecisionArea.WELFARE), true, socialWorker);

            Consent consent = consents.record(byDavid, socialWorker);

            assertThat(consent.onBehalfOf()).isEqualTo(new OnBehalfOf(david, attorney.id()));
            assertThat(consents.latest(
                                    agnes,
                                    Purpose.DIRECT_CARE,
                                    AgencyId.of("caring-hands"),
                                    AgencyType.CARE_PROVIDER,
                                    Category.CARE_PLAN,
                                    TODAY)
                            .namesCategory())
                    .isTrue();
        }
    }

    @Nested
    class Authorities {

        @Test
        void recordsVerifiesAndEndsAnAuthorityEachLoggedAndPublished() {
            PersonId lisa = person("1996-09-30");
            PersonId ryan = person("2019-06-02");
            long logged = logEvents(EventType.AUTHORITY);

            RepresentativeAuthority recorded = representatives.record(
                    new AuthorityDraft(ryan, lisa, Authority.Kind.PARENTAL_RESPONSIBILITY, null, Set.of(), TODAY, null),
                    blantyreWorker);
            assertThat(recorded.authority().verified()).isFalse();
            RepresentativeAuthority verified = representatives.verify(recorded.id(), blantyreWorker);
            assertThat(verified.authority().verifiedBy()).isEqualTo("sw.blantyre");
            assertThat(representatives.authoritiesOver(ryan)).containsExactly(verified);
            assertThat(representatives.heldBy(lisa)).containsExactly(verified);

            RepresentativeAuthority ended = representatives.end(recorded.id(), TODAY, blantyreWorker);

            assertThat(ended.authority().end()).isEqualTo(TODAY);
            assertThat(representatives.heldBy(lisa)).containsExactly(ended);
            assertThat(logEvents(EventType.AUTHORITY)).isEqualTo(logged + 3);
            assertThat(events.ofType(AuthorityRecorded.class))
                    .contains(new AuthorityRecorded(recorded.id(), ryan, lisa));
            assertThat(events.ofType(AuthorityVerified.class))
                    .contains(new AuthorityVerified(recorded.id(), ryan, lisa));
        }

        @Test
        void refusesAnAttorneyWithoutARegistrationReference() {
            PersonId granter = person("1940-04-04");
            PersonId attorney = person("1970-05-05");
            refusedAndNothingStored(
                    () -> representatives.record(
                            new AuthorityDraft(
                                    granter, attorney, Authority.Kind.WELFARE_ATTORNEY, null, Set.of(), TODAY, null),
                            socialWorker),
                    "an attorney or guardian needs the registration reference of their power or order");
        }

        @Test
        void keepsWhatAChildOfTwelveOrOverAskedToKeepFromTheirParents() {
            PersonId child = person(TODAY.minusYears(13).toString());
            PersonId younger = person(TODAY.minusYears(10).toString());

            representatives.recordKeptFromParents(child, Set.of(Category.HEALTH_DETAIL), TODAY, blantyreWorker);

            assertThat(representatives.keptFromParents(child, TODAY)).containsExactly(Category.HEALTH_DETAIL);
            refusedAndNothingStored(
                    () -> representatives.recordKeptFromParents(
                            younger, Set.of(Category.HEALTH_DETAIL), TODAY, blantyreWorker),
                    "only a child of 12 to 15 may ask to keep categories from their parents");
        }
    }

    @Nested
    class Withholding_ {

        static final Actor manager =
                Actor.staff(Username.of("sw.manager"), AgencyId.of("slc-social-work"), List.of("team-manager"), 1);

        static WithholdingDraft accessBy(PersonId person, String accessedBy, String second, LocalDate reviewBy) {
            return new WithholdingDraft(
                    person,
                    WithholdingTarget.accessEvent(4242, Username.of(accessedBy)),
                    Exemption.CHILD_PROTECTION_ENQUIRY,
                    "An enquiry is under way.",
                    reviewBy,
                    second == null ? null : Username.of(second));
        }

        @Test
        void withholdsAnItemLogsItAndKeepsItInForceWhenItsReviewIsOverdue() {
            PersonId person = person("1941-06-06");
            long logged = logEvents(EventType.WITHHOLDING);

            Withholding withholding = withholdings.withhold(
                    new WithholdingDraft(
                            person,
                            WithholdingTarget.item("record-item-17"),
                            Exemption.THIRD_PARTY,
                            "A neighbour's report.",
                            TODAY.plusMonths(6),
                            null),
                    socialWorker);

            assertThat(logEvents(EventType.WITHHOLDING)).isEqualTo(logged + 1);
            assertThat(events.ofType(WithholdingDecided.class))
                    .contains(new WithholdingDecided(withholding.id(), person, Exemption.THIRD_PARTY));
            LocalDate afterReviewDate = TODAY.plusMonths(7);
            assertThat(withholdings.inForce(person, afterReviewDate)).containsExactly(withholding);
            assertThat(withholdings.overdue(afterReviewDate)).contains(withholding);
            assertThat(withholdings.overdueCount(afterReviewDate)).isGreaterThanOrEqualTo(1);
            assertThat(withholdings.overdue(TODAY)).doesNotContain(withholding);
        }

        @Test
        void liftsAWithholdingOnReview() {
            PersonId person = person("1942-07-07");
            Withholding withholding = withholdings.withhold(
                    accessBy(person, "sw.blantyre", "sw.manager", TODAY.plusDays(20)), socialWorker);

            Withholding kept = withholdings.keep(withholding.id(), TODAY.plusMonths(3), manager);
            assertThat(kept.reviewBy()).isEqualTo(TODAY.plusMonths(3));
            withholdings.lift(withholding.id(), manager);

            assertThat(withholdings.inForce(person, TODAY)).isEmpty();
            refusedAndNothingStored(
                    () -> withholdings.lift(withholding.id(), manager), "the withholding has been lifted already");
        }

        @Test
        void withholdsAProtectionAccessAutomaticallyForThirtyDays() {
            PersonId person = person("2019-06-02");

            Withholding automatic = withholdings.withholdAutomatically(
                    person, 99, Username.of("sw.blantyre"), Purpose.CHILD_PROTECTION);

            assertThat(automatic.exemption()).isEqualTo(Exemption.CHILD_PROTECTION_ENQUIRY);
            assertThat(automatic.reviewBy()).isEqualTo(TODAY.plusDays(30));
            assertThat(automatic.decidedBy().kind()).isEqualTo("hub");
            assertThat(withholdings.inForce(person, TODAY)).containsExactly(automatic);
            refusedAndNothingStored(
                    () -> withholdings.withholdAutomatically(
                            person, 100, Username.of("sw.blantyre"), Purpose.DIRECT_CARE),
                    "only accesses under child or adult protection are withheld automatically");
        }

        @Test
        void refusesAReviewDateMoreThanTwelveMonthsAhead() {
            PersonId person = person("1943-08-08");
            refusedAndNothingStored(
                    () -> withholdings.withhold(
                            accessBy(person, "sw.blantyre", "sw.manager", TODAY.plusMonths(13)), socialWorker),
                    "a withholding's review date must be at most 12 months ahead");
            Withholding withholding = withholdings.withhold(
                    accessBy(person, "sw.blantyre", "sw.manager", TODAY.plusMonths(1)), socialWorker);
            refusedAndNothingStored(
                    () -> withholdings.keep(
                            withholding.id(), TODAY.plusMonths(12).plusDays(1), manager),
                    "a withholding's review date must be at most 12 months ahead");
        }

        @Test
        void refusesWithholdingOnesOwnAccessEvent() {
            PersonId person = person("1944-09-09");
            refusedAndNothingStored(
                    () -> withholdings.withhold(
                            accessBy(person, "sw.blantyre", "sw.manager", TODAY.plusMonths(1)), blantyreWorker),
                    "nobody may withhold their own access events");
        }

        @Test
        void refusesAnAccessEventWithholdingWithoutAValidSecondPerson() {
            PersonId person = person("1945-10-10");
            refusedAndNothingStored(
                    () -> withholdings.withhold(
                            accessBy(person, "sw.blantyre", null, TODAY.plusMonths(1)), socialWorker),
                    "withholding an access event needs a second person: a team manager or a Caldicott guardian");
            refusedAndNothingStored(
                    () -> withholdings.withhold(
                            accessBy(person, "sw.blantyre", "ot.hamilton", TODAY.plusMonths(1)), socialWorker),
                    "the second person must be a Caldicott guardian or a team manager of the agency that made the"
                            + " access");
        }
    }
}
