package org.ecarehub.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.ecarehub.protection.RegisterFixtures.ADULT_CARE_HAMILTON;
import static org.ecarehub.protection.RegisterFixtures.CHILDREN_AND_FAMILIES;
import static org.ecarehub.protection.RegisterFixtures.LEAD;
import static org.ecarehub.protection.RegisterFixtures.childProtection;
import static org.ecarehub.protection.RegisterFixtures.knownChild;
import static org.ecarehub.protection.RegisterFixtures.neglect;
import static org.ecarehub.protection.RegisterFixtures.protectionEventsNaming;
import static org.ecarehub.protection.RegisterFixtures.today;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.Holder;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertContact;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemVersion;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.Records;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A registration's lead social worker changes in a running hub over the demo partnership: the flag names the new lead
 * and team, the lead-professional relationship passes from the old lead to the new one, and every refusal leaves the
 * registration, its flag and the child's relationships as they were.
 */
@Tag("database")
class ProtectionRegisterLeadChangeIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static ProtectionRegister register;
    static Records records;
    static Relationships relationships;
    static RunningHub.PublishedEvents published;

    static final Requester SW_BLANTYRE = childProtection("sw.blantyre");
    static final Requester SW_MANAGER = childProtection("sw.manager");
    static final Username SW_HAMILTON = Username.of("sw.hamilton");

    @BeforeAll
    static void startHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        register = hub.bean(ProtectionRegister.class);
        records = hub.bean(Records.class);
        relationships = hub.bean(Relationships.class);
        published = hub.recordEvents();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    /** The flag's alert as it now stands. */
    static RecordItem flag(Registration registration) {
        return records.item(SW_BLANTYRE, registration.flag()).orElseThrow().item();
    }

    static AlertContact contact(RecordItem flag) {
        return flag.content(Alert.class).contact();
    }

    static List<Relationship> leadRelationships(Registration registration) {
        return relationships.of(registration.subject()).stream()
                .filter(relationship -> relationship.kind() == RelationshipKind.LEAD_PROFESSIONAL)
                .filter(relationship -> registration.id().reference().equals(relationship.source()))
                .toList();
    }

    /**
     * What a change of lead touches: the registration, its flag, the relationships of the person carrying it and the
     * notices telling a new lead's team.
     */
    record State(Registration registration, RecordItem flag, List<Relationship> relationships, List<String> notices) {}

    static State state(Registration registration) {
        Registration now = register.registration(SW_BLANTYRE, registration.id()).orElseThrow();
        return new State(now, flag(now), relationships.of(now.subject()), leadNotices(now));
    }

    /** The teams told of a new lead for the person carrying the registration ("agency/team focus"), oldest first. */
    static List<String> leadNotices(Registration registration) {
        return hub.bean(JdbcClient.class)
                .sql("select receiver_agency, receiver_team, focus from delivery where topic = ? and person_id = ?"
                        + " order by id")
                .params("protection-lead-changed", registration.subject().value())
                .query((row, n) -> row.getString("receiver_agency") + "/" + row.getString("receiver_team") + " "
                        + row.getString("focus"))
                .list();
    }

    /** Makes the change, which must be refused, and checks that it left the registration as it was. */
    static AbstractThrowableAssert<?, ? extends Throwable> refusedLeavingAsItWas(
            Registration registration, ThrowingCallable change) {
        State before = state(registration);
        AbstractThrowableAssert<?, ? extends Throwable> refused = assertThatThrownBy(change);
        assertThat(state(registration)).isEqualTo(before);
        return refused;
    }

    @Nested
    class TheChange {

        @Test
        void namesTheNewLeadAndTeamOnTheRegistrationAndItsFlagAndPassesTheRelationshipToThem() {
            PersonId child = knownChild(hub);
            Registration registration = register.register(SW_BLANTYRE, neglect(hub, child));
            LocalDate today = today(hub);
            published.clear();

            Registration changed =
                    register.changeLead(SW_MANAGER, registration.id(), 1, SW_HAMILTON, ADULT_CARE_HAMILTON, today);

            assertThat(changed.leadSocialWorker()).isEqualTo(SW_HAMILTON);
            assertThat(changed.team()).isEqualTo(ADULT_CARE_HAMILTON);
            assertThat(changed.version()).isEqualTo(2);
            assertThat(changed.active()).isTrue();
            assertThat(changed.flag()).isEqualTo(registration.flag());
            assertThat(changed.history())
                    .extracting(RegistrationStep::kind, RegistrationStep::leadSocialWorker, RegistrationStep::team)
                    .containsExactly(
                            tuple(RegistrationStep.Kind.REGISTERED, LEAD, CHILDREN_AND_FAMILIES),
                            tuple(RegistrationStep.Kind.LEAD_CHANGED, SW_HAMILTON, ADULT_CARE_HAMILTON));
            assertThat(changed.history().get(1).on()).isEqualTo(today);
            assertThat(changed.history().get(1).by()).isEqualTo(Username.of("sw.manager"));

            RecordItem flag = flag(changed);
            assertThat(flag.status()).isEqualTo(ItemStatus.ACTIVE);
            assertThat(flag.version()).isEqualTo(2);
            assertThat(contact(flag).staff()).isEqualTo(SW_HAMILTON);
            assertThat(contact(flag).name()).isEqualTo("Graham Sweeney");
            assertThat(contact(flag).team()).isEqualTo(ADULT_CARE_HAMILTON);
            assertThat(contact(flag).howToReach())
                    .contains("Adult Care Hamilton", "01632 960004", "adult-care-hamilton@slc-social-work.example");
            assertThat(records.history(SW_BLANTYRE, registration.flag()))
                    .extracting(version -> ((Alert) version.content()).contact().staff())
                    .containsExactly(LEAD, SW_HAMILTON);
            assertThat(records.history(SW_BLANTYRE, registration.flag()))
                    .extracting(ItemVersion::status)
                    .containsExactly(ItemStatus.ACTIVE, ItemStatus.ACTIVE);

            assertThat(leadRelationships(changed))
                    .extracting(Relationship::holder, Relationship::start, Relationship::end)
                    .containsExactly(
                            tuple(Holder.staff(LEAD), today, today), tuple(Holder.staff(SW_HAMILTON), today, null));
            assertThat(relationships.keyWorkers(child, today.plusDays(1)))
                    .extracting(Relationship::holder)
                    .contains(Holder.staff(SW_HAMILTON))
                    .doesNotContain(Holder.staff(LEAD));

            assertThat(leadNotices(changed))
                    .as("the new lead's team is told, through the flag, at once")
                    .containsExactly("slc-social-work/" + ADULT_CARE_HAMILTON.value() + " Flag/"
                            + registration.flag().reference());

            assertThat(protectionEventsNaming(hub, registration.id().reference()))
                    .hasSize(2)
                    .last()
                    .satisfies(event -> assertThat(event)
                            .contains("\"change-lead\"", "sw.manager", "\"protection\"", "version-2")
                            .doesNotContain("Graham Sweeney", "01632", "neglect"));
            assertThat(published.ofType(RegistrationChanged.class))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.registration()).isEqualTo(registration.id());
                        assertThat(event.step()).isEqualTo(RegistrationStep.Kind.LEAD_CHANGED);
                        assertThat(event.version()).isEqualTo(2);
                        assertThat(event.team()).isEqualTo(ADULT_CARE_HAMILTON);
                    });
        }

        @Test
        void changesTheLeadOfAnUnbornChildOnTheMothersFlagAndTheChildsFlagNamesThemAtBirth() {
            PersonId mother = RegisterFixtures.newPerson(hub, LocalDate.of(1998, 1, 1));
            RegisterFixtures.involve(hub, mother, Holder.team(CHILDREN_AND_FAMILIES));
            LocalDate today = today(hub);
            Registration preBirth = register.register(
                    SW_BLANTYRE,
                    RegistrationDraft.unborn(
                            mother,
                            today.plusMonths(2),
                            today,
                            Set.of(RegistrationConcern.PARENTAL_DRUG_USE),
                            LEAD,
                            CHILDREN_AND_FAMILIES,
                            today.plusMonths(1)));
            Username manager = Username.of("sw.manager");

            Registration changed =
                    register.changeLead(SW_BLANTYRE, preBirth.id(), 1, manager, CHILDREN_AND_FAMILIES, today);

            assertThat(flag(changed).person()).isEqualTo(mother);
            assertThat(contact(flag(changed)).staff()).isEqualTo(manager);
            assertThat(leadRelationships(changed))
                    .extracting(Relationship::holder, Relationship::end)
                    .containsExactly(tuple(Holder.staff(LEAD), today), tuple(Holder.staff(manager), null));

            PersonId baby = knownChild(hub);
            Registration born = register.linkBirth(SW_BLANTYRE, preBirth.id(), changed.version(), baby, today);

            assertThat(contact(flag(born)).staff()).isEqualTo(manager);
            assertThat(flag(born).person()).isEqualTo(baby);
        }
    }

    @Nested
    class Refusals {

        Registration registered() {
            return register.register(SW_BLANTYRE, neglect(hub, knownChild(hub)));
        }

        @Test
        void refusesALeadWhoIsNotAnActiveMemberOfTheTeamWithProtectionDuties() {
            Registration registration = registered();
            LocalDate today = today(hub);

            refusedLeavingAsItWas(
                            registration,
                            () -> register.changeLead(
                                    SW_BLANTYRE, registration.id(), 1, SW_HAMILTON, CHILDREN_AND_FAMILIES, today))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage("the lead social worker 'sw.hamilton' is not a member of the team"
                            + " 'children-families-blantyre'");
            refusedLeavingAsItWas(
                            registration,
                            () -> register.changeLead(
                                    SW_BLANTYRE,
                                    registration.id(),
                                    1,
                                    Username.of("ot.hamilton"),
                                    ADULT_CARE_HAMILTON,
                                    today))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage("the lead social worker 'ot.hamilton' holds no role with protection duties");
        }

        @Test
        void refusesALeadOfAnotherAgencyThanTheOneThatKeepsTheRegistration() {
            Registration registration = registered();

            refusedLeavingAsItWas(
                            registration,
                            () -> register.changeLead(
                                    SW_BLANTYRE,
                                    registration.id(),
                                    1,
                                    Username.of("sw.airdrie"),
                                    TeamId.of("adult-care-airdrie"),
                                    today(hub)))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage("'adult-care-airdrie' is not a team of slc-social-work, which keeps the register");
        }

        @Test
        void refusesTheLeadAndTeamTheRegistrationHasAlready() {
            Registration registration = registered();

            refusedLeavingAsItWas(
                            registration,
                            () -> register.changeLead(
                                    SW_MANAGER, registration.id(), 1, LEAD, CHILDREN_AND_FAMILIES, today(hub)))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage(registration.id().reference()
                            + " has that lead social worker in that team already; there is nothing to change");
        }

        @Test
        void refusesARegistrationThatHasEnded() {
            Registration registration = registered();
            Registration ended =
                    register.deregister(SW_BLANTYRE, registration.id(), 1, today(hub), "Moved to another area");

            refusedLeavingAsItWas(
                            ended,
                            () -> register.changeLead(
                                    SW_BLANTYRE,
                                    registration.id(),
                                    ended.version(),
                                    SW_HAMILTON,
                                    ADULT_CARE_HAMILTON,
                                    today(hub)))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessageContaining("is not on the register");
        }

        @Test
        void refusesAStaleVersion() {
            Registration registration = registered();
            Registration reviewed = register.review(
                    SW_BLANTYRE, registration.id(), 1, today(hub), today(hub).plusMonths(6));

            refusedLeavingAsItWas(
                            reviewed,
                            () -> register.changeLead(
                                    SW_BLANTYRE, registration.id(), 1, SW_HAMILTON, ADULT_CARE_HAMILTON, today(hub)))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage(registration.id().reference() + " has changed since version 1; it is at version 2");
        }

        @Test
        void refusesADayAfterTodayOrBeforeTheRegistrationOrTheCurrentLeadsRelationship() {
            LocalDate today = today(hub);
            Registration registration = registered();
            Registration recordedLate = register.register(
                    SW_BLANTYRE,
                    RegistrationDraft.child(
                            knownChild(hub),
                            today.minusDays(10),
                            Set.of(RegistrationConcern.NEGLECT),
                            LEAD,
                            CHILDREN_AND_FAMILIES,
                            today.plusMonths(3)));

            refusedLeavingAsItWas(
                            registration,
                            () -> register.changeLead(
                                    SW_BLANTYRE,
                                    registration.id(),
                                    1,
                                    SW_HAMILTON,
                                    ADULT_CARE_HAMILTON,
                                    today.plusDays(1)))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage("a change of lead cannot be dated after today");
            refusedLeavingAsItWas(
                            registration,
                            () -> register.changeLead(
                                    SW_BLANTYRE,
                                    registration.id(),
                                    1,
                                    SW_HAMILTON,
                                    ADULT_CARE_HAMILTON,
                                    today.minusDays(1)))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage("a change of lead cannot come before the registration");
            refusedLeavingAsItWas(
                            recordedLate,
                            () -> register.changeLead(
                                    SW_BLANTYRE,
                                    recordedLate.id(),
                                    1,
                                    SW_HAMILTON,
                                    ADULT_CARE_HAMILTON,
                                    today.minusDays(5)))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage(
                            "a change of lead cannot come before the current lead's relationship with the child began");
        }

        @Test
        void refusesACallerTheDecisionRefusesAndStoresNothing() {
            Registration registration = registered();
            Username manager = Username.of("sw.manager");

            refusedLeavingAsItWas(
                            registration,
                            () -> register.changeLead(
                                    childProtection("sw.airdrie"),
                                    registration.id(),
                                    1,
                                    manager,
                                    CHILDREN_AND_FAMILIES,
                                    today(hub)))
                    .isInstanceOf(AccessRefused.class);
            refusedLeavingAsItWas(
                            registration,
                            () -> register.changeLead(
                                    childProtection("ot.hamilton"),
                                    registration.id(),
                                    1,
                                    manager,
                                    CHILDREN_AND_FAMILIES,
                                    today(hub)))
                    .isInstanceOfSatisfying(
                            AccessRefused.class,
                            refused -> assertThat(refused.decision().decidingRules())
                                    .containsExactly("purpose"));
            refusedLeavingAsItWas(
                            registration,
                            () -> register.changeLead(
                                    childProtection("hv.blantyre"),
                                    registration.id(),
                                    1,
                                    manager,
                                    CHILDREN_AND_FAMILIES,
                                    today(hub)))
                    .as("health staff are refused before the decision, as for every change to the register")
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessageContaining("council's social work");
        }
    }
}
