package org.ecarehub.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
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
 * The shared record in a running hub over the demo partnership and Agnes Thomson's story: what each practitioner may
 * see and change, decided and logged before anything returns or is stored.
 */
@Tag("database")
class RecordsIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static Records records;
    static Assessments assessments;
    static PersonId agnes;
    static RunningHub.PublishedEvents published;

    static final Requester KEY_WORKER = staff("sw.hamilton");
    static final Requester OT = staff("ot.hamilton");
    static final Requester DISTRICT_NURSE = staff("dn.hamilton");
    static final Requester GP = staff("gp.hamilton");
    static final Requester HOUSING = staff("housing.ek");

    @BeforeAll
    static void startHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        records = hub.bean(Records.class);
        assessments = hub.bean(Assessments.class);
        Map<String, PersonId> people = DemoStoryPeople.ids(hub);
        agnes = people.get("Agnes Thomson");
        published = hub.recordEvents();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static Requester staff(String user) {
        return new Requester.Staff(Username.of(user), Purpose.DIRECT_CARE, null);
    }

    static long count(String table) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from " + table)
                .query(Long.class)
                .single();
    }

    static List<String> accessEventsNaming(RecordItemId id) {
        return hub.bean(JdbcClient.class)
                .sql("select event from transparency_event where event_type = 1 and event like ? order by id")
                .param("%\"" + id.reference() + "\"%")
                .query(String.class)
                .list();
    }

    static Alert riskAlert(String text) {
        return new Alert(AlertType.RISK_TO_VISITING_STAFF, text, null);
    }

    static Assessment assessment(String summary, EligibilityBand band) {
        return new Assessment(
                "Lives alone in a council flat",
                "I want to stay in my own home",
                List.of("Stay at home safely", "See my family every week"),
                "Moderate dementia; memantine daily",
                "Needs prompting to wash and dress",
                "Cannot manage shopping or meals",
                "Two falls this year; uses a stick",
                "Forgets meals and medication",
                "Daughter visits weekly",
                "Fiona: I worry about her at night",
                "Steep stairs; no rail",
                true,
                "Falls on the stairs; missed medication",
                summary,
                band);
    }

    @Nested
    class ReadingAndWriting {

        @Test
        void sharesAnAlertWithTheCareTeamOfAnotherAgencyAndNotWithHousing() {
            RecordItem alert = records.add(KEY_WORKER, agnes, ItemDraft.of(riskAlert("Dog in the house; ring first")));

            assertThat(alert.id().reference()).startsWith("record-item-");
            assertThat(alert.owner()).isEqualTo(AgencyId.of("slc-social-work"));
            assertThat(alert.current().author()).isEqualTo(Username.of("sw.hamilton"));
            assertThat(records.read(DISTRICT_NURSE, agnes).items()).anySatisfy(view -> {
                assertThat(view.item().id()).isEqualTo(alert.id());
                assertThat(view.decision().allowed()).isTrue();
                assertThat(view.item().content(Alert.class).text()).isEqualTo("Dog in the house; ring first");
            });
            assertThat(records.read(HOUSING, agnes).items()).isEmpty();
            assertThat(records.item(HOUSING, alert.id())).isEmpty();
            assertThat(accessEventsNaming(alert.id()))
                    .as("the creation and each read are in the log, naming the item")
                    .anySatisfy(event -> assertThat(event).contains("\"create\"", "sw.hamilton"))
                    .anySatisfy(event -> assertThat(event).contains("\"read\"", "dn.hamilton", "\"allow\""))
                    .anySatisfy(event -> assertThat(event).contains("\"read\"", "housing.ek", "\"deny\""));
        }

        @Test
        void keepsTheRestrictedPsychiatryLetterFromSocialWorkAndHousingAndAnswersAsForAMissingId() {
            RecordItem letter = records.add(
                    DISTRICT_NURSE,
                    agnes,
                    ItemDraft.document(
                            Category.HEALTH_DETAIL,
                            Sensitivity.RESTRICTED,
                            new Document("Old age psychiatry clinic letter", "Seen in clinic; memory declining")));

            assertThat(records.item(GP, letter.id())).isPresent();
            assertThat(records.read(GP, agnes).items())
                    .extracting(view -> view.item().id())
                    .contains(letter.id());
            for (Requester refused : List.of(KEY_WORKER, HOUSING)) {
                assertThat(records.read(refused, agnes).items())
                        .extracting(view -> view.item().id())
                        .doesNotContain(letter.id());
                assertThat(records.item(refused, letter.id()))
                        .isEqualTo(records.item(refused, new RecordItemId(999_999)));
                assertThat(records.item(refused, letter.id())).isEmpty();
                assertThat(records.history(refused, letter.id())).isEmpty();
            }
        }

        @Test
        void readsOnlyTheKindsAskedForAndLogsNothingAboutTheOthers() {
            RecordItem alert = records.add(KEY_WORKER, agnes, ItemDraft.of(riskAlert("Key safe by the back door")));
            RecordItem letter = records.add(
                    DISTRICT_NURSE,
                    agnes,
                    ItemDraft.document(
                            Category.HEALTH_DETAIL,
                            Sensitivity.RESTRICTED,
                            new Document("Falls clinic letter", "Seen in the falls clinic")));
            int lettersLogged = accessEventsNaming(letter.id()).size();

            List<ItemView> alerts = records.read(DISTRICT_NURSE, agnes, Set.of(RecordKind.ALERT))
                    .items();

            assertThat(alerts).extracting(view -> view.item().kind()).containsOnly(RecordKind.ALERT);
            assertThat(alerts).extracting(view -> view.item().id()).contains(alert.id());
            assertThat(accessEventsNaming(letter.id()))
                    .as("a read of alerts decides and logs nothing about the letter")
                    .hasSize(lettersLogged);
            assertThat(records.read(DISTRICT_NURSE, agnes).items())
                    .extracting(view -> view.item().id())
                    .contains(alert.id(), letter.id());
        }

        @Test
        void summarisesThePersonAndTheirRecordInOneRequestAsTheSeparateReadsWould() {
            RecordItem alert = records.add(KEY_WORKER, agnes, ItemDraft.of(riskAlert("Hard of hearing; knock loudly")));
            PersonDirectory directory = hub.bean(PersonDirectory.class);
            long accessEntriesBefore = count("transparency_event");

            Summary summary = records.summary(DISTRICT_NURSE, agnes);

            long entries = count("transparency_event") - accessEntriesBefore;
            assertThat(summary.person()).isEqualTo(directory.read(DISTRICT_NURSE, agnes));
            assertThat(summary.record().items())
                    .extracting(view -> view.item().id())
                    .contains(alert.id())
                    .containsExactlyElementsOf(records.read(DISTRICT_NURSE, agnes).items().stream()
                            .map(view -> view.item().id())
                            .toList());
            long separately = count("transparency_event");
            directory.read(DISTRICT_NURSE, agnes);
            records.read(DISTRICT_NURSE, agnes);
            assertThat(entries)
                    .as("one request: fewer entries than the two reads leave between them")
                    .isLessThan(count("transparency_event") - separately);
            Summary housing = records.summary(HOUSING, agnes);
            assertThat(housing.record().items())
                    .extracting(view -> view.item().id())
                    .doesNotContain(alert.id());
            Summary nobody = records.summary(DISTRICT_NURSE, PersonId.of("0b6c7a1e-5d2f-4c1e-9a55-3f0d1c2b4a69"));
            assertThat(nobody.person()).isEmpty();
            assertThat(nobody.record().items()).isEmpty();
        }

        @Test
        void keepsTheOldVersionWhenAnItemIsCorrectedAndRefusesAStaleEdit() {
            RecordItem alert = records.add(KEY_WORKER, agnes, ItemDraft.of(riskAlert("Dog in the hous")));
            published.clear();

            RecordItem corrected = records.correct(
                    KEY_WORKER, alert.id(), 1, riskAlert("Dog in the house"), "spelling of the alert's text");

            assertThat(corrected.version()).isEqualTo(2);
            assertThat(records.history(DISTRICT_NURSE, alert.id()))
                    .extracting(version -> ((Alert) version.content()).text(), ItemVersion::reason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Dog in the hous", null),
                            org.assertj.core.groups.Tuple.tuple("Dog in the house", "spelling of the alert's text"));
            assertThat(published.ofType(RecordItemChanged.class))
                    .containsExactly(new RecordItemChanged(
                            alert.id(),
                            agnes,
                            RecordKind.ALERT,
                            2,
                            ItemStatus.ACTIVE,
                            RecordItemChanged.Change.CORRECTED));

            assertThatThrownBy(() -> records.correct(KEY_WORKER, alert.id(), 1, riskAlert("Two dogs"), "more dogs"))
                    .isInstanceOf(StaleEdit.class)
                    .hasMessageContaining("version 1 of " + alert.id().reference() + ", but its latest version is 2");
            assertThat(records.history(KEY_WORKER, alert.id())).hasSize(2);
        }

        @Test
        void endsAnAlertWithANewVersionAndKeepsIt() {
            RecordItem alert = records.add(KEY_WORKER, agnes, ItemDraft.of(riskAlert("Loose stair carpet")));

            RecordItem ended = records.end(KEY_WORKER, alert.id(), 1, "carpet fixed");

            assertThat(ended.status()).isEqualTo(ItemStatus.ENDED);
            assertThat(records.item(DISTRICT_NURSE, alert.id())
                            .orElseThrow()
                            .item()
                            .status())
                    .isEqualTo(ItemStatus.ENDED);
            assertThat(records.history(KEY_WORKER, alert.id()))
                    .extracting(ItemVersion::status)
                    .containsExactly(ItemStatus.ACTIVE, ItemStatus.ENDED);
            assertThatThrownBy(() -> records.end(KEY_WORKER, alert.id(), 2, "again"))
                    .hasMessage(alert.id().reference() + " has ended already");
        }

        @Test
        void refusesACreationTheDecisionRefusesAndStoresNothing() {
            long items = count("record_item");
            Requester otherCouncil = staff("sw.airdrie");
            assertThatThrownBy(() -> records.add(otherCouncil, agnes, ItemDraft.of(riskAlert("Rent arrears visit"))))
                    .isInstanceOf(AccessRefused.class)
                    .satisfies(refused -> assertThat(
                                    ((AccessRefused) refused).decision().decidingRules())
                            .containsExactly("legitimate-relationship"));
            assertThat(count("record_item")).isEqualTo(items);
        }

        @Test
        void refusesBadInputNamingTheFieldAndStoresNothing() {
            long items = count("record_item");
            long versions = count("record_item_version");
            CarePlan plan = new CarePlan(
                    List.of("Stay at home"),
                    List.of(new CarePlanAction(
                            "Personal care",
                            AgencyId.of("caring-hands"),
                            TeamId.of("adult-care-hamilton"),
                            null,
                            "three times a day")),
                    LocalDate.now().plusMonths(6),
                    List.of());

            assertThatThrownBy(() -> records.add(KEY_WORKER, agnes, ItemDraft.of(plan)))
                    .isInstanceOf(RecordRefused.class)
                    .hasMessage("action 1 names team adult-care-hamilton, which is not of caring-hands");
            assertThatThrownBy(() -> records.add(KEY_WORKER, PersonId.random(), ItemDraft.of(riskAlert("Dog"))))
                    .isInstanceOf(PersonUnseen.class)
                    .hasMessage("there is no person in the person index whose record you may add to");
            assertThatThrownBy(() -> records.add(
                            new Requester.Portal("david.thomson", agnes), agnes, ItemDraft.of(riskAlert("Dog"))))
                    .isInstanceOf(RecordRefused.class)
                    .hasMessageContaining("a portal account reads the record");
            assertThat(count("record_item")).isEqualTo(items);
            assertThat(count("record_item_version")).isEqualTo(versions);
        }
    }

    @Nested
    class SingleSharedAssessment {

        @Test
        void keepsADraftWithinTheAssessorsAgencyUntilSignedThenSharesItAndSupersedesTheEarlierOne() {
            RecordItem first = assessments.start(KEY_WORKER, agnes, assessment(null, null));
            assertThat(first.status()).isEqualTo(ItemStatus.DRAFT);

            assertThat(assessments.of(DISTRICT_NURSE, agnes))
                    .extracting(view -> view.item().id())
                    .doesNotContain(first.id());
            assertThat(records.item(DISTRICT_NURSE, first.id())).isEmpty();
            assertThatThrownBy(
                            () -> assessments.save(DISTRICT_NURSE, first.id(), 1, assessment("x", EligibilityBand.LOW)))
                    .isInstanceOf(RecordRefused.class)
                    .hasMessage("there is no record item " + first.id().reference());
            assertThat(records.item(OT, first.id()))
                    .as("a colleague in the assessor's agency")
                    .isPresent();

            assertThatThrownBy(() -> assessments.signOff(KEY_WORKER, first.id(), 1))
                    .hasMessage("the assessment cannot be signed off without: summary of need, eligibility band");
            RecordItem saved = assessments.save(
                    KEY_WORKER,
                    first.id(),
                    1,
                    assessment("Personal care three times a day", EligibilityBand.SUBSTANTIAL));
            assertThatThrownBy(() -> assessments.signOff(OT, first.id(), saved.version()))
                    .hasMessage("only the assessor who started the assessment, sw.hamilton, may sign it off");

            RecordItem signed = assessments.signOff(KEY_WORKER, first.id(), saved.version());

            assertThat(signed.status()).isEqualTo(ItemStatus.SIGNED);
            assertThatThrownBy(() -> assessments.signOff(KEY_WORKER, first.id(), signed.version()))
                    .hasMessage("the assessment " + first.id().reference() + " is signed already");
            assertThatThrownBy(() -> assessments.save(
                            KEY_WORKER, first.id(), signed.version(), assessment("Changed", EligibilityBand.LOW)))
                    .hasMessageStartingWith("a signed assessment cannot be changed");
            assertThat(assessments
                            .current(DISTRICT_NURSE, agnes)
                            .orElseThrow()
                            .item()
                            .id())
                    .isEqualTo(first.id());
            assertThat(records.history(DISTRICT_NURSE, first.id()))
                    .as("other agencies see the signed assessment, not the assessor's drafts")
                    .extracting(ItemVersion::status)
                    .containsExactly(ItemStatus.SIGNED);

            RecordItem later = assessments.start(
                    KEY_WORKER, agnes, assessment("Personal care four times a day", EligibilityBand.CRITICAL));
            assessments.signOff(KEY_WORKER, later.id(), later.version());

            RecordItem earlier =
                    records.item(DISTRICT_NURSE, first.id()).orElseThrow().item();
            assertThat(earlier.status()).isEqualTo(ItemStatus.SUPERSEDED);
            assertThat(earlier.supersededBy()).isEqualTo(later.id());
            assertThat(earlier.content(Assessment.class).eligibility())
                    .as("superseded, not erased")
                    .isEqualTo(EligibilityBand.SUBSTANTIAL);
            assertThat(assessments
                            .current(DISTRICT_NURSE, agnes)
                            .orElseThrow()
                            .item()
                            .id())
                    .isEqualTo(later.id());
        }
    }
}
