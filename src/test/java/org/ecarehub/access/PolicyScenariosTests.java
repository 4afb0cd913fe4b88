package org.ecarehub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecarehub.access.DecisionFlag.BREAK_GLASS;
import static org.ecarehub.access.DecisionFlag.PROTECTION_OVERRIDE;
import static org.ecarehub.access.DecisionFlag.WITHOUT_CONSENT;
import static org.ecarehub.access.Sensitivity.NORMAL;
import static org.ecarehub.access.Sensitivity.RESTRICTED;
import static org.ecarehub.access.Sensitivity.SEALED;
import static org.ecarehub.partnership.Action.CREATE;
import static org.ecarehub.partnership.Action.DISCLOSE;
import static org.ecarehub.partnership.Action.EXPORT;
import static org.ecarehub.partnership.Action.READ;
import static org.ecarehub.partnership.Category.ALERTS;
import static org.ecarehub.partnership.Category.ASSESSMENT;
import static org.ecarehub.partnership.Category.CARE_PLAN;
import static org.ecarehub.partnership.Category.CONTACTS;
import static org.ecarehub.partnership.Category.DEMOGRAPHICS;
import static org.ecarehub.partnership.Category.EDUCATION;
import static org.ecarehub.partnership.Category.HEALTH_DETAIL;
import static org.ecarehub.partnership.Category.HOUSING;
import static org.ecarehub.partnership.Category.PROTECTION;
import static org.ecarehub.partnership.Category.SERVICE_PROVISION;
import static org.ecarehub.partnership.Category.SERVICE_REQUEST;
import static org.ecarehub.partnership.Category.SOCIAL_WORK_NOTE;
import static org.ecarehub.partnership.Purpose.ADMINISTRATION;
import static org.ecarehub.partnership.Purpose.ADULT_PROTECTION;
import static org.ecarehub.partnership.Purpose.AUDIT;
import static org.ecarehub.partnership.Purpose.CHILD_PROTECTION;
import static org.ecarehub.partnership.Purpose.DIRECT_CARE;
import static org.ecarehub.partnership.Purpose.EMERGENCY;
import static org.ecarehub.partnership.Purpose.SUBJECT_ACCESS;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.Authority.Kind;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipFile;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference table of POLICY.md: named scenarios on the demo partnership of DEMO.md, each a sentence of behaviour
 * with its inputs and the expected decision, deciding rule, lawful basis and flags. It covers the staff rules 1 to 8
 * (every allow and deny path of {@link StaffRules}, the owning agency's exemption from rules 5, 7 and 8), break-glass
 * ({@link BreakGlassRequest} and rule 6), agency systems ({@link AgencySystemRules}), P1 to P4 ({@link PortalRules},
 * every check of {@link RepresentativeRules}) and W1, W2 and W5.
 *
 * <p>W3 (access events under a protection purpose withheld automatically) and W4 (a second person, never oneself, to
 * withhold an access event) are made by the consent module when withholdings are recorded, and are tested there
 * ({@code org.ecarehub.consent.internal.ChecksTests} for W4, {@code ConsentIntegrationTests} for W3's automatic
 * withholding). This table holds only what the plain rules decide once such a withholding is in force: the access event
 * is hidden and nothing says so.
 *
 * <p>{@link #KNOWN_DISAGREEMENTS} holds the scenarios where the rules decide otherwise than POLICY.md says: each is
 * asserted as the code decides today, so that mending the rule fails it and moves it into the table.
 */
class PolicyScenariosTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private static final AgencyId NHS = AgencyId.of("nhs-lanarkshire");
    private static final AgencyId GP_PRACTICE = AgencyId.of("hamilton-medical-practice");
    private static final AgencyId SOCIAL_WORK = AgencyId.of("slc-social-work");
    private static final AgencyId HOUSING_SERVICE = AgencyId.of("slc-housing");
    private static final AgencyId NORTH_LANARKSHIRE = AgencyId.of("nlc-social-work");
    private static final AgencyId CARING_HANDS = AgencyId.of("caring-hands");
    private static final AgencyId WHITEHILL = AgencyId.of("whitehill-house");

    private static final String DEMO_FILE = readDemoFile();
    private static final Partnership DEMO = parse(DEMO_FILE);
    private static final Partnership CARE_HOME_SUSPENDED =
            parse(changed(DEMO_FILE, "type: care-home\n    active: true", "type: care-home\n    active: false"));
    private static final Partnership CARE_HOME_MANAGER_SUSPENDED = parse(changed(
            DEMO_FILE,
            "roles: [care-home-manager]\n    active: true",
            "roles: [care-home-manager]\n    active: false"));

    private static final AccessFacts NOTHING = AccessFacts.none();
    private static final AccessFacts RELATED = related(ConsentState.NONE);
    private static final AccessFacts RELATED_WITH_CONSENT_NAMING_IT =
            new AccessFacts(true, false, false, ConsentState.GIVEN, true);
    private static final AccessFacts GRANT = new AccessFacts(false, true, false, ConsentState.NONE, false);
    private static final AccessFacts GOVERNANCE_TASK = new AccessFacts(false, false, true, ConsentState.NONE, false);

    /** The name a refused break-glass request is reported under: it opens nothing, so no decision rule names it. */
    private static final String OPENS_BREAK_GLASS = "break-glass";

    private static final String AGNES_BREAK_GLASS = "Homecare found no answer at 19:00; checking key holder and risks";
    private static final String ADULT_CONCERN = "Homecare reports unexplained bruising; checking the alerts";
    private static final String RYAN_CONCERN = "Bruising seen at school; checking the child protection plan";

    private static final int AGNES_AGE = 85;
    private static final int RYAN_AGE = 7;
    private static final int ELLIE_AGE = 4;

    static Stream<Scenario> scenarios() {
        return Stream.of(
                        activeMembers(),
                        purposes(),
                        roles(),
                        sealedItems(),
                        sharingAgreements(),
                        legitimateRelationships(),
                        consentAndLawfulBasis(),
                        restrictedItems(),
                        breakGlass(),
                        agencySystems(),
                        representatives(),
                        portalViews())
                .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesAsPolicySays(Scenario scenario) {
        assertDecided(scenario.name(), scenario.run().get(), scenario.expected());
    }

    @Test
    void stillDecidesKnownDisagreementsAgainstPolicy() {
        knownDisagreements().forEach(disagreement -> {
            Outcome outcome = disagreement.run().get();
            assertDecided(disagreement.name(), outcome, disagreement.rulesDecide());
            assertThat(outcome.allowed())
                    .as("mended: move this scenario into the table as POLICY.md says it")
                    .isNotEqualTo(disagreement.policySays().allowed());
        });
    }

    @Test
    void holdsAtLeastEightyScenariosWithDistinctNames() {
        List<String> names = scenarios().map(Scenario::name).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(80).doesNotHaveDuplicates();
    }

    @Test
    void deniesByEveryRuleAndCheckAtLeastOnce() {
        Set<String> denying = scenarios()
                .filter(scenario -> !scenario.expected().allowed())
                .map(scenario -> scenario.expected().rule())
                .collect(Collectors.toSet());
        Set<String> every = new HashSet<>();
        StaffRules.IN_ORDER.forEach(rule -> every.add(rule.name()));
        RepresentativeRules.IN_ORDER.forEach(check -> every.add(check.name()));
        every.addAll(List.of(
                PortalRules.BOUND,
                PortalRules.NOT_WITHHELD,
                AgencySystemRules.WRITES_OWN_AGENCY_RECORDS,
                AgencySystemRules.READS_OWN_AGENCY_RECORDS,
                AgencySystemRules.ON_BEHALF_OF_OWN_STAFF,
                OPENS_BREAK_GLASS));
        assertThat(denying).containsAll(every);
    }

    @Test
    void allowsUnderEveryLawfulBasisAndWithEveryFlag() {
        List<Expected> allowed =
                scenarios().map(Scenario::expected).filter(Expected::allowed).toList();
        assertThat(allowed).extracting(Expected::basis).contains(LawfulBasis.values());
        assertThat(allowed.stream().flatMap(expected -> expected.flags().stream()))
                .contains(DecisionFlag.values());
    }

    private static void assertDecided(String name, Outcome outcome, Expected expected) {
        assertThat(outcome.allowed())
                .as("%s: allowed (%s)", name, outcome.reason())
                .isEqualTo(expected.allowed());
        if (expected.allowed()) {
            assertThat(outcome.rules())
                    .as("%s: the rules that allowed it", name)
                    .contains(expected.rule());
        } else {
            assertThat(outcome.rules()).as("%s: the rule that denied it", name).containsExactly(expected.rule());
            assertThat(outcome.reason()).as("%s: the reason", name).isNotBlank();
        }
        assertThat(outcome.basis()).as("%s: the lawful basis", name).isEqualTo(expected.basis());
        assertThat(outcome.flags()).as("%s: the flags", name).isEqualTo(expected.flags());
        assertThat(outcome.agreement()).as("%s: the sharing agreement", name).isEqualTo(expected.agreement());
        assertThat(outcome.wouldAllow()).as("%s: what would allow it", name).isEqualTo(expected.offers());
        if (expected.says() != null) {
            assertThat(outcome.reason()).as("%s: the reason", name).contains(expected.says());
        }
        if (expected.neverSays() != null) {
            assertThat(outcome.reason()).as("%s: the reason", name).doesNotContain(expected.neverSays());
        }
    }

    // Rule 1 ----------------------------------------------------------------------------------------------------------

    private static List<Scenario> activeMembers() {
        return List.of(
                row(
                        "an account the partnership does not know is refused by the first rule",
                        as("nobody.here").reads(ALERTS).of(NHS).knowing(RELATED),
                        deny("active").saying("not a staff account")),
                row(
                        "the care home manager reads a resident's care plan while Whitehill House is a member",
                        as("carehome.mgr").reads(CARE_PLAN).of(WHITEHILL).knowing(RELATED),
                        allow("active", LawfulBasis.OWN_AGENCY)),
                row(
                        "the care home manager is refused her own residents' care plans once Whitehill House is"
                                + " suspended from the partnership",
                        as("carehome.mgr")
                                .in(CARE_HOME_SUSPENDED)
                                .reads(CARE_PLAN)
                                .of(WHITEHILL)
                                .knowing(RELATED),
                        deny("active").saying("not active")),
                row(
                        "a suspended care home manager account is refused although its agency is active",
                        as("carehome.mgr")
                                .in(CARE_HOME_MANAGER_SUSPENDED)
                                .reads(CARE_PLAN)
                                .of(WHITEHILL)
                                .knowing(RELATED),
                        deny("active").saying("not active")),
                row(
                        "a search by an account the partnership does not know is refused before anyone is looked for",
                        attempt("nobody.here", DIRECT_CARE, READ, DEMOGRAPHICS),
                        deny("active").saying("not a staff account")),
                row(
                        "a search by a suspended account is refused before anyone is looked for",
                        attempt(CARE_HOME_MANAGER_SUSPENDED, "carehome.mgr", DIRECT_CARE, READ, DEMOGRAPHICS),
                        deny("active")));
    }

    // Rule 2 ----------------------------------------------------------------------------------------------------------

    private static List<Scenario> purposes() {
        return List.of(
                row(
                        "the emergency department may not use child protection: it has no protection duty",
                        as("ed.wishaw")
                                .under(CHILD_PROTECTION)
                                .justifying(RYAN_CONCERN)
                                .reads(ALERTS)
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        deny("purpose").saying("child-protection")),
                row(
                        "the district nurse may not use the emergency purpose: it belongs to unscheduled care",
                        as("dn.hamilton")
                                .under(EMERGENCY)
                                .reads(ALERTS)
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        deny("purpose").saying("emergency")),
                row(
                        "the GP may not use adult protection: it has no protection duty",
                        as("gp.hamilton")
                                .under(ADULT_PROTECTION)
                                .justifying(ADULT_CONCERN)
                                .reads(ASSESSMENT)
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        deny("purpose")),
                row(
                        "the health visitor may use child protection but not adult protection",
                        as("hv.blantyre")
                                .under(ADULT_PROTECTION)
                                .justifying(RYAN_CONCERN)
                                .reads(PROTECTION)
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        deny("purpose").saying("adult-protection")),
                row(
                        "the housing officer may not use audit: it belongs to governance roles",
                        as("housing.ek")
                                .under(AUDIT)
                                .reads(CONTACTS)
                                .of(HOUSING_SERVICE)
                                .knowing(GOVERNANCE_TASK),
                        deny("purpose").saying("audit")),
                row(
                        "the Caldicott guardian may not use direct care to read Agnes's care plan",
                        as("caldicott.slc").reads(CARE_PLAN).of(SOCIAL_WORK).knowing(RELATED),
                        deny("purpose").saying("direct-care")),
                row(
                        "the police concern hub may not use direct care: the police do not give care",
                        as("police.hub").reads(DEMOGRAPHICS).of(SOCIAL_WORK).knowing(RELATED),
                        deny("purpose")),
                row(
                        "the partnership administrator may not use subject access",
                        as("admin")
                                .under(SUBJECT_ACCESS)
                                .reads(DEMOGRAPHICS)
                                .of(NHS)
                                .knowing(GOVERNANCE_TASK),
                        deny("purpose").saying("subject-access")),
                row(
                        "a search by the emergency department under child protection is refused before anyone is"
                                + " looked for",
                        attempt("ed.wishaw", CHILD_PROTECTION, READ, ALERTS),
                        deny("purpose")),
                // A search names no owner, so rules 1 to 3 run as if the item were the user's agency's own.
                row(
                        "the emergency department may search for alerts under the emergency purpose",
                        attempt("ed.wishaw", EMERGENCY, READ, ALERTS),
                        allow("role", LawfulBasis.OWN_AGENCY)));
    }

    // Rule 3 ----------------------------------------------------------------------------------------------------------

    private static List<Scenario> roles() {
        return List.of(
                row(
                        "housing is refused Agnes's health detail: its role never reads health detail",
                        as("housing.ek")
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(NHS)
                                .knowing(RELATED),
                        deny("role").saying("read on health-detail")),
                row(
                        "the emergency department may raise a protection concern but not read one",
                        as("ed.wishaw").reads(PROTECTION).of(NHS).knowing(RELATED),
                        deny("role").saying("read on protection")),
                row(
                        "the emergency department raises a protection concern about a child it is treating",
                        as("ed.wishaw").doing(CREATE, PROTECTION).of(NHS).knowing(RELATED),
                        allow("role", LawfulBasis.OWN_AGENCY)),
                row(
                        "the occupational therapist is refused Agnes's social work notes by her role",
                        as("ot.hamilton")
                                .reads(SOCIAL_WORK_NOTE)
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        deny("role")),
                row(
                        "Agnes's key worker may not export her social work notes: only a team manager may",
                        as("sw.hamilton")
                                .doing(EXPORT, SOCIAL_WORK_NOTE)
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        deny("role").saying("export on social-work-note")),
                row(
                        "the team manager exports Ryan's social work notes for a children's hearing",
                        as("sw.manager")
                                .under(CHILD_PROTECTION)
                                .doing(EXPORT, SOCIAL_WORK_NOTE)
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        allow("role", LawfulBasis.OWN_AGENCY)),
                row(
                        "the NHS Caldicott guardian may read but not export health detail for an audit",
                        as("caldicott.nhs")
                                .under(AUDIT)
                                .doing(EXPORT, HEALTH_DETAIL)
                                .of(NHS)
                                .knowing(GOVERNANCE_TASK),
                        deny("role")),
                row(
                        "Agnes's key worker discloses her Single Shared Assessment to another agency",
                        as("sw.hamilton")
                                .doing(DISCLOSE, ASSESSMENT)
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        allow("role", LawfulBasis.OWN_AGENCY)),
                row(
                        "a search of health detail by the head teacher is refused before anyone is looked for",
                        attempt("teacher.blantyre", CHILD_PROTECTION, READ, HEALTH_DETAIL),
                        deny("role")));
    }

    // Rule 4 ----------------------------------------------------------------------------------------------------------

    private static List<Scenario> sealedItems() {
        return List.of(
                row(
                        "Lisa's key worker reads her sealed refuge address: owning agency, sealed-access and a"
                                + " relationship",
                        as("sw.blantyre")
                                .reads(CONTACTS)
                                .sealed()
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        allow("sealed", LawfulBasis.OWN_AGENCY)),
                row(
                        "the GP reads an adopted child's previous identity, sealed by the practice",
                        as("gp.hamilton")
                                .reads(DEMOGRAPHICS)
                                .sealed()
                                .of(GP_PRACTICE)
                                .knowing(RELATED),
                        allow("sealed", LawfulBasis.OWN_AGENCY)),
                row(
                        "the health visitor is refused Lisa's refuge address: another agency's sealed item",
                        as("hv.blantyre")
                                .reads(CONTACTS)
                                .sealed()
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        deny("sealed").saying("owning agency")),
                row(
                        "the GP's sealed-access for the practice's own items does not reach social work's sealed"
                                + " refuge address",
                        as("gp.hamilton")
                                .reads(CONTACTS)
                                .sealed()
                                .of(SOCIAL_WORK)
                                .knowing(RELATED_WITH_CONSENT_NAMING_IT),
                        deny("sealed")),
                row(
                        "the occupational therapist is refused her own agency's sealed item: her role has no"
                                + " sealed-access",
                        as("ot.hamilton")
                                .reads(CONTACTS)
                                .sealed()
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        deny("sealed").saying("sealed-access")),
                row(
                        "the team manager may not export a sealed item even for a children's hearing",
                        as("sw.manager")
                                .under(CHILD_PROTECTION)
                                .doing(EXPORT, SOCIAL_WORK_NOTE)
                                .sealed()
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        deny("sealed").saying("never exported")),
                row(
                        "break-glass never reaches a sealed item, even the owning agency's sealed-access social"
                                + " worker's",
                        as("sw.hamilton")
                                .reads(CONTACTS)
                                .sealed()
                                .of(SOCIAL_WORK)
                                .knowing(GRANT),
                        deny("sealed").saying("break-glass")),
                row(
                        "sealed-access without a relationship does not open Agnes's sealed item to the team manager",
                        as("sw.manager").reads(ALERTS).sealed().of(SOCIAL_WORK).knowing(NOTHING),
                        deny("sealed").saying("relationship")),
                row(
                        "the emergency basics do not reach a sealed alert for the emergency department",
                        as("ed.wishaw")
                                .under(EMERGENCY)
                                .reads(ALERTS)
                                .sealed()
                                .of(NHS)
                                .knowing(NOTHING),
                        deny("sealed")));
    }

    // Rule 5 ----------------------------------------------------------------------------------------------------------

    private static List<Scenario> sharingAgreements() {
        return List.of(
                row(
                        "housing reads Agnes's key worker contacts under the social work to housing agreement",
                        as("housing.ek").reads(CONTACTS).of(SOCIAL_WORK).knowing(RELATED),
                        allow("sharing-agreement", LawfulBasis.IMPLIED_CONSENT).under("slcsw-to-slc-housing-care")),
                row(
                        "housing is refused Agnes's service requests: no sharing agreement lets housing receive them",
                        as("housing.ek").reads(SERVICE_REQUEST).of(SOCIAL_WORK).knowing(RELATED),
                        deny("sharing-agreement")
                                .saying("no sharing agreement lets slc-housing receive service-request from"
                                        + " slc-social-work for direct-care")),
                row(
                        "the emergency department is refused the homecare provider's care plan: the agreement"
                                + " covers contacts, alerts and services only",
                        as("ed.wishaw")
                                .under(EMERGENCY)
                                .reads(CARE_PLAN)
                                .of(CARING_HANDS)
                                .knowing(RELATED),
                        deny("sharing-agreement").saying("care-plan")),
                row(
                        "nothing flows to education for direct care: the head teacher is refused Ryan's alerts",
                        as("teacher.blantyre").reads(ALERTS).of(SOCIAL_WORK).knowing(RELATED),
                        deny("sharing-agreement")),
                row(
                        "the head teacher reads Ryan's child protection flag for child protection under the protection"
                                + " agreement, with consent",
                        as("teacher.blantyre")
                                .under(CHILD_PROTECTION)
                                .reads(ALERTS)
                                .of(SOCIAL_WORK)
                                .knowing(related(ConsentState.GIVEN)),
                        allow("sharing-agreement", LawfulBasis.PROTECTION_DUTY)
                                .under("slcsw-to-slc-education-protection")),
                row(
                        "the head teacher reads Ellie's health visitor's contacts for child protection with no"
                                + " agreement: a justified protection override",
                        as("teacher.blantyre")
                                .under(CHILD_PROTECTION)
                                .justifying(RYAN_CONCERN)
                                .reads(CONTACTS)
                                .of(NHS)
                                .knowing(RELATED),
                        allow("sharing-agreement", LawfulBasis.PROTECTION_DUTY, PROTECTION_OVERRIDE, WITHOUT_CONSENT)),
                row(
                        "the head teacher is refused a protection override without a justification",
                        as("teacher.blantyre")
                                .under(CHILD_PROTECTION)
                                .reads(CONTACTS)
                                .of(NHS)
                                .knowing(related(ConsentState.GIVEN)),
                        deny("sharing-agreement").offering("give a justification")),
                row(
                        "the concern hub reads an adult's NHS alerts with consent but no agreement: a protection"
                                + " override without the without-consent flag",
                        as("police.hub")
                                .under(ADULT_PROTECTION)
                                .justifying(ADULT_CONCERN)
                                .reads(ALERTS)
                                .of(NHS)
                                .knowing(related(ConsentState.GIVEN)),
                        allow("sharing-agreement", LawfulBasis.PROTECTION_DUTY, PROTECTION_OVERRIDE)),
                row(
                        "Agnes's key worker reads North Lanarkshire's notes for adult protection under the"
                                + " cross-boundary protocol",
                        as("sw.hamilton")
                                .under(ADULT_PROTECTION)
                                .reads(SOCIAL_WORK_NOTE)
                                .of(NORTH_LANARKSHIRE)
                                .knowing(related(ConsentState.GIVEN)),
                        allow("sharing-agreement", LawfulBasis.PROTECTION_DUTY).under("nlcsw-to-slcsw-protection")),
                row(
                        "once the cross-boundary protocol has ended, North Lanarkshire's notes need a justified"
                                + " protection override",
                        as("sw.hamilton")
                                .under(ADULT_PROTECTION)
                                .reads(SOCIAL_WORK_NOTE)
                                .of(NORTH_LANARKSHIRE)
                                .on(LocalDate.of(2028, 10, 1))
                                .knowing(related(ConsentState.GIVEN)),
                        deny("sharing-agreement").offering("give a justification")),
                row(
                        "before the governance agreements began the social work Caldicott guardian could not audit"
                                + " NHS health detail",
                        as("caldicott.slc")
                                .under(AUDIT)
                                .reads(HEALTH_DETAIL)
                                .of(NHS)
                                .on(LocalDate.of(2025, 3, 31))
                                .knowing(GOVERNANCE_TASK),
                        deny("sharing-agreement")),
                row(
                        "housing reads its own tenancy record of Agnes with no agreement needed",
                        as("housing.ek").reads(HOUSING).of(HOUSING_SERVICE).knowing(RELATED),
                        allow("legitimate-relationship", LawfulBasis.OWN_AGENCY)));
    }

    // Rule 6 ----------------------------------------------------------------------------------------------------------

    private static List<Scenario> legitimateRelationships() {
        return List.of(
                row(
                        "Agnes's key worker reads her care plan",
                        as("sw.hamilton").reads(CARE_PLAN).of(SOCIAL_WORK).knowing(RELATED),
                        allow("legitimate-relationship", LawfulBasis.OWN_AGENCY)),
                row(
                        "a social worker with no relationship to Agnes is refused her care plan and offered"
                                + " break-glass",
                        as("sw.blantyre").reads(CARE_PLAN).of(SOCIAL_WORK).knowing(NOTHING),
                        deny("legitimate-relationship").offering("open break-glass")),
                row(
                        "the duty social worker reads Agnes's care plan under break-glass, flagged as break-glass",
                        as("duty.sw").reads(CARE_PLAN).of(SOCIAL_WORK).knowing(GRANT),
                        allow("legitimate-relationship", LawfulBasis.OWN_AGENCY, BREAK_GLASS)),
                row(
                        "the emergency department sees Ryan's child protection flag under emergency without a"
                                + " relationship",
                        as("ed.wishaw")
                                .under(EMERGENCY)
                                .reads(ALERTS)
                                .of(SOCIAL_WORK)
                                .knowing(NOTHING),
                        allow("legitimate-relationship", LawfulBasis.EMERGENCY, WITHOUT_CONSENT)
                                .under("slcsw-to-nhsl-care")),
                row(
                        "the emergency department finds Ryan's lead social worker's contacts under emergency",
                        as("ed.wishaw")
                                .under(EMERGENCY)
                                .reads(CONTACTS)
                                .of(SOCIAL_WORK)
                                .knowing(new AccessFacts(false, false, false, ConsentState.GIVEN, false)),
                        allow("legitimate-relationship", LawfulBasis.EMERGENCY).under("slcsw-to-nhsl-care")),
                row(
                        "the emergency department reads its own board's demographics of Ryan under emergency",
                        as("ed.wishaw")
                                .under(EMERGENCY)
                                .reads(DEMOGRAPHICS)
                                .of(NHS)
                                .knowing(NOTHING),
                        allow("legitimate-relationship", LawfulBasis.OWN_AGENCY)),
                row(
                        "the emergency basics stop at alerts: the emergency department is refused Ryan's care plan",
                        as("ed.wishaw")
                                .under(EMERGENCY)
                                .reads(CARE_PLAN)
                                .of(SOCIAL_WORK)
                                .knowing(NOTHING),
                        deny("legitimate-relationship").offering("open break-glass")),
                row(
                        "there are no emergency basics under direct care: the emergency department is refused"
                                + " Ryan's alerts",
                        as("ed.wishaw").reads(ALERTS).of(SOCIAL_WORK).knowing(NOTHING),
                        deny("legitimate-relationship").offering("open break-glass")),
                row(
                        "the NHS Caldicott guardian reads Agnes's social work notes while reviewing a break-glass",
                        as("caldicott.nhs")
                                .under(AUDIT)
                                .reads(SOCIAL_WORK_NOTE)
                                .of(SOCIAL_WORK)
                                .knowing(GOVERNANCE_TASK),
                        allow("legitimate-relationship", LawfulBasis.NOT_A_DISCLOSURE)
                                .under("slcsw-to-nhsl-governance")),
                row(
                        "the Caldicott guardian without a governance task about Agnes is refused her care plan",
                        as("caldicott.slc")
                                .under(AUDIT)
                                .reads(CARE_PLAN)
                                .of(SOCIAL_WORK)
                                .knowing(NOTHING),
                        deny("legitimate-relationship").offering("open break-glass")),
                row(
                        "a governance task does not stand for a relationship under direct care",
                        as("sw.manager").reads(CARE_PLAN).of(SOCIAL_WORK).knowing(GOVERNANCE_TASK),
                        deny("legitimate-relationship").offering("open break-glass")),
                row(
                        "the data protection officer reads Agnes's social work notes to answer her subject access"
                                + " request",
                        as("dpo")
                                .under(SUBJECT_ACCESS)
                                .reads(SOCIAL_WORK_NOTE)
                                .of(SOCIAL_WORK)
                                .knowing(GOVERNANCE_TASK),
                        allow("legitimate-relationship", LawfulBasis.NOT_A_DISCLOSURE)
                                .under("slcsw-to-nhsl-governance")),
                row(
                        "the partnership administrator reads NHS demographics while reviewing an uncertain match",
                        as("admin")
                                .under(ADMINISTRATION)
                                .reads(DEMOGRAPHICS)
                                .of(NHS)
                                .knowing(GOVERNANCE_TASK),
                        allow("legitimate-relationship", LawfulBasis.NOT_A_DISCLOSURE)
                                .under("nhsl-to-slcsw-governance")));
    }

    // Rule 7 ----------------------------------------------------------------------------------------------------------

    private static List<Scenario> consentAndLawfulBasis() {
        return List.of(
                row(
                        "the district nurse reads Agnes's Single Shared Assessment on implied consent",
                        as("dn.hamilton").reads(ASSESSMENT).of(SOCIAL_WORK).knowing(RELATED),
                        allow("consent", LawfulBasis.IMPLIED_CONSENT).under("slcsw-to-nhsl-care")),
                row(
                        "the district nurse reads Agnes's assessment on her consent",
                        as("dn.hamilton").reads(ASSESSMENT).of(SOCIAL_WORK).knowing(related(ConsentState.GIVEN)),
                        allow("consent", LawfulBasis.CONSENT).under("slcsw-to-nhsl-care")),
                row(
                        "the homecare organiser is refused a care plan when the person refused consent",
                        as("homecare.org").reads(CARE_PLAN).of(SOCIAL_WORK).knowing(related(ConsentState.REFUSED)),
                        deny("consent").saying("refused")),
                row(
                        "the GP is refused a care plan once the person withdrew consent",
                        as("gp.hamilton").reads(CARE_PLAN).of(SOCIAL_WORK).knowing(related(ConsentState.WITHDRAWN)),
                        deny("consent").saying("withdrew")),
                row(
                        "a withdrawn consent does not keep Agnes's own key worker from social work's notes",
                        as("sw.hamilton")
                                .reads(SOCIAL_WORK_NOTE)
                                .of(SOCIAL_WORK)
                                .knowing(related(ConsentState.WITHDRAWN)),
                        allow("legitimate-relationship", LawfulBasis.OWN_AGENCY)),
                row(
                        "the health visitor reads Ellie's protection message without consent when justified",
                        as("hv.blantyre")
                                .under(CHILD_PROTECTION)
                                .justifying(RYAN_CONCERN)
                                .reads(PROTECTION)
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        allow("consent", LawfulBasis.PROTECTION_DUTY, WITHOUT_CONSENT)
                                .under("slcsw-to-nhsl-protection")),
                row(
                        "the health visitor is refused Ellie's protection message without consent or justification",
                        as("hv.blantyre")
                                .under(CHILD_PROTECTION)
                                .reads(PROTECTION)
                                .of(SOCIAL_WORK)
                                .knowing(RELATED),
                        deny("consent").offering("give a justification")),
                row(
                        "Lisa's refusal does not stop the health visitor reading Ryan's flag for child protection",
                        as("hv.blantyre")
                                .under(CHILD_PROTECTION)
                                .justifying(RYAN_CONCERN)
                                .reads(ALERTS)
                                .of(SOCIAL_WORK)
                                .knowing(related(ConsentState.REFUSED)),
                        allow("consent", LawfulBasis.PROTECTION_DUTY, WITHOUT_CONSENT)
                                .under("slcsw-to-nhsl-care")),
                row(
                        "the concern hub is refused a protection message after consent was withdrawn, without a"
                                + " justification",
                        as("police.hub")
                                .under(CHILD_PROTECTION)
                                .reads(PROTECTION)
                                .of(SOCIAL_WORK)
                                .knowing(related(ConsentState.WITHDRAWN)),
                        deny("consent").offering("give a justification")),
                row(
                        "the concern hub reads a protection message with consent and needs no justification",
                        as("police.hub")
                                .under(CHILD_PROTECTION)
                                .reads(PROTECTION)
                                .of(SOCIAL_WORK)
                                .knowing(related(ConsentState.GIVEN)),
                        allow("consent", LawfulBasis.PROTECTION_DUTY).under("slcsw-to-police-protection")),
                row(
                        "the duty social worker reads Agnes's NHS health detail in an emergency although she refused"
                                + " consent",
                        as("duty.sw")
                                .under(EMERGENCY)
                                .reads(HEALTH_DETAIL)
                                .of(NHS)
                                .knowing(related(ConsentState.REFUSED)),
                        allow("consent", LawfulBasis.EMERGENCY, WITHOUT_CONSENT).under("nhsl-to-slcsw-care")),
                row(
                        "the emergency department reads housing's alerts in an emergency after consent was withdrawn",
                        as("ed.wishaw")
                                .under(EMERGENCY)
                                .reads(ALERTS)
                                .of(HOUSING_SERVICE)
                                .knowing(new AccessFacts(false, false, false, ConsentState.WITHDRAWN, false)),
                        allow("consent", LawfulBasis.EMERGENCY, WITHOUT_CONSENT).under("slc-housing-to-nhsl-care")),
                row(
                        "a refused consent does not stop an audit: audit is not a disclosure",
                        as("caldicott.nhs")
                                .under(AUDIT)
                                .reads(CARE_PLAN)
                                .of(SOCIAL_WORK)
                                .knowing(new AccessFacts(false, false, true, ConsentState.REFUSED, false)),
                        allow("consent", LawfulBasis.NOT_A_DISCLOSURE).under("slcsw-to-nhsl-governance")));
    }

    // Rule 8 ----------------------------------------------------------------------------------------------------------

    private static List<Scenario> restrictedItems() {
        return List.of(
                row(
                        "the GP reads Agnes's old-age-psychiatry letter on implied consent under the health board"
                                + " agreement",
                        as("gp.hamilton")
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(NHS)
                                .knowing(RELATED),
                        allow("restricted", LawfulBasis.IMPLIED_CONSENT).under("nhsl-to-hamilton-mp-care")),
                row(
                        "the GP reads Agnes's restricted letter under the health board agreement although her consent"
                                + " names other categories",
                        as("gp.hamilton")
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(NHS)
                                .knowing(related(ConsentState.GIVEN)),
                        allow("restricted", LawfulBasis.CONSENT).under("nhsl-to-hamilton-mp-care")),
                row(
                        "the district nurse reads the practice's restricted health detail on implied consent",
                        as("dn.hamilton")
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(GP_PRACTICE)
                                .knowing(RELATED),
                        allow("restricted", LawfulBasis.IMPLIED_CONSENT).under("hamilton-mp-to-nhsl-care")),
                row(
                        "Agnes's key worker is refused her old-age-psychiatry letter without consent naming health"
                                + " detail",
                        as("sw.hamilton")
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(NHS)
                                .knowing(RELATED),
                        deny("restricted").offering("record consent naming health-detail")),
                row(
                        "Agnes's key worker reads her old-age-psychiatry letter on consent naming health detail",
                        as("sw.hamilton")
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(NHS)
                                .knowing(RELATED_WITH_CONSENT_NAMING_IT),
                        allow("restricted", LawfulBasis.CONSENT).under("nhsl-to-slcsw-care")),
                row(
                        "a consent that does not name health detail does not open a restricted letter to social work",
                        as("sw.hamilton")
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(NHS)
                                .knowing(related(ConsentState.GIVEN)),
                        deny("restricted").offering("record consent naming health-detail")),
                row(
                        "the care home reads a resident's normal health detail on implied consent",
                        as("carehome.mgr").reads(HEALTH_DETAIL).of(NHS).knowing(RELATED),
                        allow("consent", LawfulBasis.IMPLIED_CONSENT).under("nhsl-to-whitehill-care")),
                row(
                        "the care home is refused a resident's restricted health detail: its agreement does not let"
                                + " restricted items flow",
                        as("carehome.mgr")
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(NHS)
                                .knowing(RELATED),
                        deny("restricted").offering("record consent naming health-detail")),
                row(
                        "the duty social worker reads Agnes's restricted health detail in an emergency",
                        as("duty.sw")
                                .under(EMERGENCY)
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(NHS)
                                .knowing(RELATED),
                        allow("restricted", LawfulBasis.EMERGENCY, WITHOUT_CONSENT)
                                .under("nhsl-to-slcsw-care")),
                row(
                        "Lisa's social worker reads her restricted substance use detail for child protection",
                        as("sw.blantyre")
                                .under(CHILD_PROTECTION)
                                .justifying(RYAN_CONCERN)
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(NHS)
                                .knowing(RELATED),
                        allow("restricted", LawfulBasis.PROTECTION_DUTY, WITHOUT_CONSENT)
                                .under("nhsl-to-slcsw-care")),
                row(
                        "a refused consent keeps even the health board and GP agreement from flowing restricted"
                                + " detail",
                        as("gp.hamilton")
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(NHS)
                                .knowing(related(ConsentState.REFUSED)),
                        deny("consent")),
                row(
                        "the district nurse reads her own board's restricted letter: rule 8 never stops the owning"
                                + " agency",
                        as("dn.hamilton")
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(NHS)
                                .knowing(RELATED),
                        allow("legitimate-relationship", LawfulBasis.OWN_AGENCY)),
                // POLICY.md rule 8 has no governance exception: an audit across agencies stops at restricted items.
                row(
                        "the social work Caldicott guardian's audit does not reach NHS restricted health detail",
                        as("caldicott.slc")
                                .under(AUDIT)
                                .reads(HEALTH_DETAIL)
                                .restricted()
                                .of(NHS)
                                .knowing(GOVERNANCE_TASK),
                        deny("restricted").offering("record consent naming health-detail")),
                row(
                        "the social work Caldicott guardian audits NHS normal health detail",
                        as("caldicott.slc")
                                .under(AUDIT)
                                .reads(HEALTH_DETAIL)
                                .of(NHS)
                                .knowing(GOVERNANCE_TASK),
                        allow("consent", LawfulBasis.NOT_A_DISCLOSURE).under("nhsl-to-slcsw-governance")));
    }

    // Break-glass -----------------------------------------------------------------------------------------------------

    private static List<Scenario> breakGlass() {
        return List.of(
                row(
                        "the duty social worker opens break-glass for Agnes one evening and reads her care plan",
                        breakGlass(
                                AGNES_BREAK_GLASS,
                                EMERGENCY,
                                null,
                                as("duty.sw").under(EMERGENCY).reads(CARE_PLAN).of(SOCIAL_WORK)),
                        allow("legitimate-relationship", LawfulBasis.OWN_AGENCY, BREAK_GLASS)),
                row(
                        "the emergency department opens a 24-hour break-glass and reads social work's care plan on"
                                + " implied consent",
                        breakGlass(
                                "Unconscious on arrival; need the care plan and key worker",
                                DIRECT_CARE,
                                Duration.ofHours(24),
                                as("ed.wishaw").reads(CARE_PLAN).of(SOCIAL_WORK)),
                        allow("legitimate-relationship", LawfulBasis.IMPLIED_CONSENT, BREAK_GLASS)
                                .under("slcsw-to-nhsl-care")),
                row(
                        "the duty social worker's break-glass does not reach Agnes's sealed item",
                        breakGlass(
                                AGNES_BREAK_GLASS,
                                EMERGENCY,
                                null,
                                as("duty.sw")
                                        .under(EMERGENCY)
                                        .reads(CONTACTS)
                                        .sealed()
                                        .of(SOCIAL_WORK)),
                        deny("sealed")),
                row(
                        "break-glass with a reason under 20 characters opens nothing",
                        breakGlass(
                                "checking",
                                EMERGENCY,
                                null,
                                as("duty.sw").under(EMERGENCY).reads(CARE_PLAN).of(SOCIAL_WORK)),
                        deny(OPENS_BREAK_GLASS).saying("at least 20 characters")),
                row(
                        "break-glass for longer than 24 hours opens nothing",
                        breakGlass(
                                AGNES_BREAK_GLASS,
                                EMERGENCY,
                                Duration.ofHours(25),
                                as("duty.sw").under(EMERGENCY).reads(CARE_PLAN).of(SOCIAL_WORK)),
                        deny(OPENS_BREAK_GLASS).saying("at most 24 hours")),
                row(
                        "break-glass for no time at all opens nothing",
                        breakGlass(
                                AGNES_BREAK_GLASS,
                                EMERGENCY,
                                Duration.ZERO,
                                as("duty.sw").under(EMERGENCY).reads(CARE_PLAN).of(SOCIAL_WORK)),
                        deny(OPENS_BREAK_GLASS).saying("needs a duration")),
                row(
                        "housing may not open break-glass for the emergency purpose its role does not allow",
                        breakGlass(
                                "Tenant not seen for a week; neighbours worried",
                                EMERGENCY,
                                null,
                                as("housing.ek")
                                        .under(EMERGENCY)
                                        .reads(CONTACTS)
                                        .of(SOCIAL_WORK)),
                        deny(OPENS_BREAK_GLASS).saying("may not use the purpose emergency")),
                row(
                        "break-glass without a purpose opens nothing",
                        breakGlass(
                                AGNES_BREAK_GLASS,
                                null,
                                null,
                                as("duty.sw").under(EMERGENCY).reads(CARE_PLAN).of(SOCIAL_WORK)),
                        deny(OPENS_BREAK_GLASS).saying("choose a purpose")),
                row(
                        "a suspended care home manager may not open break-glass",
                        breakGlass(
                                "Resident's family asking about the care plan",
                                DIRECT_CARE,
                                null,
                                as("carehome.mgr")
                                        .in(CARE_HOME_MANAGER_SUSPENDED)
                                        .reads(CARE_PLAN)
                                        .of(SOCIAL_WORK)),
                        deny(OPENS_BREAK_GLASS).saying("not active")));
    }

    // Agency systems --------------------------------------------------------------------------------------------------

    private static List<Scenario> agencySystems() {
        return List.of(
                row(
                        "social work's system writes a social work record",
                        decided(() -> AgencySystemRules.decideWrite(SOCIAL_WORK, "slc-social-work")),
                        allow("agency-system-writes-own-agency-records", LawfulBasis.OWN_AGENCY)),
                row(
                        "housing's system may not write a social work record",
                        decided(() -> AgencySystemRules.decideWrite(HOUSING_SERVICE, "slc-social-work")),
                        deny("agency-system-writes-own-agency-records").saying("records of agency slc-social-work")),
                row(
                        "a garbled agency in a row is refused without repeating it",
                        decided(() -> AgencySystemRules.decideWrite(HOUSING_SERVICE, "Agnes Thomson, ML3 9AA")),
                        deny("agency-system-writes-own-agency-records")
                                .saying("another agency")
                                .neverSaying("Agnes")),
                row(
                        "a caller that is not an agency system writes no agency's records",
                        decided(() -> AgencySystemRules.decideWrite(null, "slc-housing")),
                        deny("agency-system-writes-own-agency-records").saying("only an agency's own system")),
                row(
                        "the health board's system reads its own health detail",
                        decided(() -> AgencySystemRules.decideRead(NHS, item(HEALTH_DETAIL, RESTRICTED, NHS))),
                        allow("agency-system-reads-own-agency-records", LawfulBasis.OWN_AGENCY)),
                row(
                        "the health board's system acting on its own is refused social work's care plan",
                        decided(() -> AgencySystemRules.decideRead(NHS, item(CARE_PLAN, NORMAL, SOCIAL_WORK))),
                        deny("agency-system-reads-own-agency-records").offering("act on behalf of a staff account")),
                row(
                        "social work's system is refused its own sealed refuge address",
                        decided(() -> AgencySystemRules.decideRead(SOCIAL_WORK, item(CONTACTS, SEALED, SOCIAL_WORK))),
                        deny("agency-system-reads-own-agency-records").saying("sealed")),
                row(
                        "a system acting for an account outside its own agency's active staff is refused",
                        decided(AgencySystemRules::notOwnStaff),
                        deny("agency-system-on-behalf-of-own-staff")),
                // Found by AccessPropertiesIntegrationTests: the decision point let a system on its own state any
                // purpose, and a system of an inactive agency read, where only the adapters refused them.
                row(
                        "a system acting on its own may keep its records for administration",
                        decided(() -> AgencySystemRules.attempt(true, ADMINISTRATION)),
                        allow("agency-system-reads-own-agency-records", null)),
                row(
                        "a system acting on its own may not state the emergency purpose",
                        decided(() -> AgencySystemRules.attempt(true, EMERGENCY)),
                        deny("purpose")
                                .saying("emergency")
                                .offering("act on behalf of a staff account whose roles allow it")),
                row(
                        "a system acting on its own may not state child protection",
                        decided(() -> AgencySystemRules.attempt(true, CHILD_PROTECTION)),
                        deny("purpose").offering("act on behalf of a staff account whose roles allow it")),
                row(
                        "the system of an agency that has left the partnership is refused",
                        decided(() -> AgencySystemRules.attempt(false, DIRECT_CARE)),
                        deny("active").saying("not active")));
    }

    // P3 --------------------------------------------------------------------------------------------------------------

    private static List<Scenario> representatives() {
        return List.of(
                row(
                        "David sees Agnes's health detail under his welfare power of attorney once she lacks capacity",
                        representing(davidsWelfarePower())
                                .aged(AGNES_AGE)
                                .lackingCapacity()
                                .seeing(HEALTH_DETAIL),
                        allow("p3-covers", LawfulBasis.REPRESENTATIVE_AUTHORITY)),
                row(
                        "David sees nothing under his welfare power of attorney before Agnes was assessed as lacking"
                                + " capacity",
                        representing(davidsWelfarePower()).aged(AGNES_AGE).seeing(CARE_PLAN),
                        deny("p3-covers").saying("lacking capacity")),
                row(
                        "David's welfare power of attorney does not cover Agnes's tenancy record",
                        representing(davidsWelfarePower())
                                .aged(AGNES_AGE)
                                .lackingCapacity()
                                .seeing(HOUSING),
                        deny("p3-covers").saying("does not cover housing")),
                row(
                        "David's financial power of attorney shows him none of Agnes's care record",
                        representing(davidsFinancialPower())
                                .aged(AGNES_AGE)
                                .lackingCapacity()
                                .seeing(SERVICE_PROVISION),
                        deny("p3-covers").saying("financial")),
                row(
                        "a welfare guardian sees the care plan the guardianship order names",
                        representing(welfareGuardianship())
                                .aged(58)
                                .lackingCapacity()
                                .seeing(CARE_PLAN),
                        allow("p3-covers", LawfulBasis.REPRESENTATIVE_AUTHORITY)),
                row(
                        "a welfare guardian does not see health detail the guardianship order leaves out",
                        representing(welfareGuardianship())
                                .aged(58)
                                .lackingCapacity()
                                .seeing(HEALTH_DETAIL),
                        deny("p3-covers").saying("guardianship order")),
                row(
                        "Fiona sees Agnes's care plan, which Agnes chose to share with her",
                        representing(fionasNomination()).aged(AGNES_AGE).seeing(CARE_PLAN),
                        allow("p3-covers", LawfulBasis.REPRESENTATIVE_AUTHORITY)),
                row(
                        "Fiona does not see Agnes's health detail, which Agnes did not choose to share",
                        representing(fionasNomination()).aged(AGNES_AGE).seeing(HEALTH_DETAIL),
                        deny("p3-covers").saying("did not choose")),
                row(
                        "Lisa sees Ryan's alerts under her parental responsibilities",
                        representing(lisasResponsibilities()).aged(RYAN_AGE).seeing(ALERTS),
                        allow("p3-covers", LawfulBasis.REPRESENTATIVE_AUTHORITY)),
                row(
                        "parental responsibilities still reach a child of 15",
                        representing(lisasResponsibilities()).aged(15).seeing(EDUCATION),
                        allow("p3-covers", LawfulBasis.REPRESENTATIVE_AUTHORITY)),
                row(
                        "parental responsibilities no longer reach a child of 16",
                        representing(lisasResponsibilities()).aged(16).seeing(EDUCATION),
                        deny("p3-covers").saying("under 16")),
                row(
                        "parental responsibilities reach nothing when the child's age is not known",
                        representing(lisasResponsibilities()).aged(-1).seeing(DEMOGRAPHICS),
                        deny("p3-covers")),
                row(
                        "a capable 13-year-old keeps their health detail from their parent",
                        representing(lisasResponsibilities())
                                .aged(13)
                                .keeping(HEALTH_DETAIL)
                                .seeing(HEALTH_DETAIL),
                        deny("p3-covers").saying("asked to keep health-detail")),
                row(
                        "a 13-year-old's parent still sees the categories the child did not keep",
                        representing(lisasResponsibilities())
                                .aged(13)
                                .keeping(HEALTH_DETAIL)
                                .seeing(EDUCATION),
                        allow("p3-covers", LawfulBasis.REPRESENTATIVE_AUTHORITY)),
                row(
                        "Fiona sees nothing under a nomination nobody has verified",
                        representing(fionasNominationUnverified())
                                .aged(AGNES_AGE)
                                .seeing(CONTACTS),
                        deny("p3-verified")),
                row(
                        "a welfare guardian sees nothing once the guardianship order has expired",
                        representing(expiredGuardianship())
                                .aged(58)
                                .lackingCapacity()
                                .seeing(CARE_PLAN),
                        deny("p3-in-force")),
                row(
                        "a welfare guardian sees nothing before the guardianship order starts",
                        representing(futureGuardianship())
                                .aged(58)
                                .lackingCapacity()
                                .seeing(CARE_PLAN),
                        deny("p3-in-force")),
                row(
                        "David never sees Agnes's sealed items, whatever his authority",
                        representing(davidsWelfarePower())
                                .aged(AGNES_AGE)
                                .lackingCapacity()
                                .seeing(CONTACTS)
                                .sealed(),
                        deny("p3-never-sealed")),
                row(
                        "Lisa never sees Ryan's protection category",
                        representing(lisasResponsibilities()).aged(RYAN_AGE).seeing(PROTECTION),
                        deny("p3-never-protection")),
                row(
                        "Mark Boyle, named as posing risk in the police message, sees nothing of Ellie whatever his"
                                + " authority",
                        representing(marksResponsibilities())
                                .aged(ELLIE_AGE)
                                .namedAsPosingRisk()
                                .seeing(DEMOGRAPHICS),
                        deny("p3-not-posing-risk")));
    }

    // P1, P2, P4, W1, W2, W5 ------------------------------------------------------------------------------------------

    private static List<Scenario> portalViews() {
        Withheld neighboursReport = new Withheld("third-party", true, TODAY.plusMonths(6));
        Withheld protectionEnquiry = new Withheld("child-protection-enquiry", false, TODAY.plusDays(30));
        return List.of(
                row(
                        "an account not yet bound by a verification step sees nothing of its own record",
                        ownRecord(false, CARE_PLAN, NORMAL, null),
                        deny("p1-bound").offering("ask the partnership to verify the account")),
                row(
                        "David's account, not yet bound, sees nothing of Agnes even with his power of attorney",
                        portal(
                                false,
                                representing(davidsWelfarePower())
                                        .aged(AGNES_AGE)
                                        .lackingCapacity()
                                        .seeing(CARE_PLAN),
                                null),
                        deny("p1-bound").offering("ask the partnership to verify the account")),
                row(
                        "Agnes sees her own care plan",
                        ownRecord(true, CARE_PLAN, NORMAL, null),
                        allow("p2-own-record", LawfulBasis.DATA_SUBJECT)),
                row(
                        "Lisa sees her own sealed refuge address: it is her own record",
                        ownRecord(true, CONTACTS, SEALED, null),
                        allow("p2-own-record", LawfulBasis.DATA_SUBJECT)),
                row(
                        "Agnes sees in her access history that her key worker read her assessment",
                        ownRecord(true, ASSESSMENT, NORMAL, null),
                        allow("w1-not-withheld", LawfulBasis.DATA_SUBJECT)),
                row(
                        "David sees Agnes's care plan through the portal under his power of attorney",
                        portal(
                                true,
                                representing(davidsWelfarePower())
                                        .aged(AGNES_AGE)
                                        .lackingCapacity()
                                        .seeing(CARE_PLAN),
                                null),
                        allow("w1-not-withheld", LawfulBasis.REPRESENTATIVE_AUTHORITY)),
                row(
                        "David is told that a neighbour's report about Agnes is withheld for third parties, and until"
                                + " when",
                        portal(
                                true,
                                representing(davidsWelfarePower())
                                        .aged(AGNES_AGE)
                                        .lackingCapacity()
                                        .seeing(SOCIAL_WORK_NOTE),
                                neighboursReport),
                        deny("w1-not-withheld").saying("withheld under third-party until its review on 2027-05-25")),
                row(
                        "Fiona is not told of the withheld neighbour's report: her nomination does not cover notes",
                        portal(
                                true,
                                representing(fionasNomination()).aged(AGNES_AGE).seeing(SOCIAL_WORK_NOTE),
                                neighboursReport),
                        deny("p3-covers").neverSaying("withheld")),
                row(
                        "Agnes is told that an item is withheld for serious harm",
                        ownRecord(true, HEALTH_DETAIL, NORMAL, new Withheld("serious-harm", true, TODAY.plusMonths(3))),
                        deny("w1-not-withheld").saying("withheld under serious-harm")),
                row(
                        "Agnes is told that a letter is withheld for legal privilege",
                        ownRecord(
                                true,
                                SOCIAL_WORK_NOTE,
                                NORMAL,
                                new Withheld("legal-privilege", true, TODAY.plusMonths(12))),
                        deny("w1-not-withheld").saying("legal-privilege")),
                row(
                        "an item withheld for crime is hidden from Agnes without confirming that anything is withheld",
                        ownRecord(true, SOCIAL_WORK_NOTE, NORMAL, new Withheld("crime", false, TODAY.plusMonths(6))),
                        deny("w1-not-withheld").saying("not available").neverSaying("crime")),
                row(
                        "a child protection access to Lisa's record, withheld as a child protection enquiry, is hidden"
                                + " from her with no notice",
                        ownRecord(true, SOCIAL_WORK_NOTE, NORMAL, protectionEnquiry),
                        deny("w1-not-withheld").saying("not available").neverSaying("child-protection-enquiry")),
                row(
                        "the head teacher's child protection read of Ryan's flag, withheld for 30 days, is hidden"
                                + " from Lisa with no notice",
                        portal(
                                true,
                                representing(lisasResponsibilities())
                                        .aged(RYAN_AGE)
                                        .seeing(ALERTS),
                                protectionEnquiry),
                        deny("w1-not-withheld").saying("not available").neverSaying("child-protection")),
                row(
                        "once its withholding is lifted Lisa sees the head teacher's read of Ryan's flag",
                        portal(
                                true,
                                representing(lisasResponsibilities())
                                        .aged(RYAN_AGE)
                                        .seeing(ALERTS),
                                null),
                        allow("w1-not-withheld", LawfulBasis.REPRESENTATIVE_AUTHORITY)),
                row(
                        "an item whose withholding is overdue for review stays withheld",
                        ownRecord(
                                true, HEALTH_DETAIL, NORMAL, new Withheld("serious-harm", true, TODAY.minusMonths(1))),
                        deny("w1-not-withheld").saying("2026-10-25")),
                row(
                        "a child protection enquiry overdue for review still hides the access event from Lisa",
                        portal(
                                true,
                                representing(lisasResponsibilities())
                                        .aged(ELLIE_AGE)
                                        .seeing(ALERTS),
                                new Withheld("child-protection-enquiry", false, TODAY.minusDays(1))),
                        deny("w1-not-withheld").saying("not available")),
                row(
                        "David does not see housing's access to Agnes's tenancy record in her access history",
                        portal(
                                true,
                                representing(davidsWelfarePower())
                                        .aged(AGNES_AGE)
                                        .lackingCapacity()
                                        .seeing(HOUSING),
                                null),
                        deny("p3-covers")),
                row(
                        "Fiona does not see the access to Agnes's assessment in her access history",
                        portal(
                                true,
                                representing(fionasNomination()).aged(AGNES_AGE).seeing(ASSESSMENT),
                                null),
                        deny("p3-covers")),
                row(
                        "Fiona sees the homecare organiser's access to Agnes's services in her access history",
                        portal(
                                true,
                                representing(fionasNomination()).aged(AGNES_AGE).seeing(SERVICE_PROVISION),
                                null),
                        allow("p3-covers", LawfulBasis.REPRESENTATIVE_AUTHORITY)),
                row(
                        "Lisa does not see the concern hub's access to Ryan's protection message in his access history",
                        portal(
                                true,
                                representing(lisasResponsibilities())
                                        .aged(RYAN_AGE)
                                        .seeing(PROTECTION),
                                null),
                        deny("p3-never-protection")));
    }

    // Disagreements with POLICY.md ------------------------------------------------------------------------------------

    /**
     * Rule 8 lets restricted items flow "under an agreement that lets that category's restricted items flow on implied
     * consent for direct-care", whatever consent is recorded short of a refusal or withdrawal (rule 7 stops those).
     * {@link StaffRules#RESTRICTED} takes that path only when no consent at all is recorded, so a person who gave
     * consent for some categories but not health detail keeps from their GP the restricted letter that would have
     * reached the GP had they recorded nothing.
     */
    static final List<Disagreement> KNOWN_DISAGREEMENTS = List.of();

    static Stream<Disagreement> knownDisagreements() {
        return KNOWN_DISAGREEMENTS.stream();
    }

    // The table's vocabulary ------------------------------------------------------------------------------------------

    /** One row: a sentence of behaviour, how to get the decision, and what POLICY.md says it is. */
    record Scenario(String name, Supplier<Outcome> run, Expected expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A scenario the rules decide otherwise than POLICY.md says. */
    record Disagreement(String name, Supplier<Outcome> run, Expected policySays, Expected rulesDecide) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A decision, or a break-glass request's refusal, as the table compares it. */
    record Outcome(
            boolean allowed,
            List<String> rules,
            LawfulBasis basis,
            Set<DecisionFlag> flags,
            String agreement,
            String reason,
            String wouldAllow) {

        static Outcome of(AccessDecision decision) {
            return new Outcome(
                    decision.allowed(),
                    decision.decidingRules(),
                    decision.basis(),
                    decision.flags(),
                    decision.agreement(),
                    decision.reason(),
                    decision.wouldAllow());
        }
    }

    /**
     * What the row expects: for an ALLOW, a rule among those that allowed it; for a DENY, the one rule that denied it.
     * Basis, flags, agreement and what would allow it are compared exactly (null and empty included).
     */
    record Expected(
            boolean allowed,
            String rule,
            LawfulBasis basis,
            Set<DecisionFlag> flags,
            String agreement,
            String says,
            String neverSays,
            String offers) {

        Expected under(String agreement) {
            return new Expected(allowed, rule, basis, flags, agreement, says, neverSays, offers);
        }

        Expected saying(String text) {
            return new Expected(allowed, rule, basis, flags, agreement, text, neverSays, offers);
        }

        Expected neverSaying(String text) {
            return new Expected(allowed, rule, basis, flags, agreement, says, text, offers);
        }

        Expected offering(String text) {
            return new Expected(allowed, rule, basis, flags, agreement, says, neverSays, text);
        }
    }

    private static Scenario row(String name, Supplier<Outcome> run, Expected expected) {
        return new Scenario(name, run, expected);
    }

    private static Expected allow(String rule, LawfulBasis basis, DecisionFlag... flags) {
        Set<DecisionFlag> set = EnumSet.noneOf(DecisionFlag.class);
        set.addAll(List.of(flags));
        return new Expected(true, rule, basis, Set.copyOf(set), null, null, null, null);
    }

    private static Expected deny(String rule) {
        return new Expected(false, rule, null, Set.of(), null, null, null, null);
    }

    /** A staff request on a partnership, built up in the row and decided by {@link AccessPolicy#decide}. */
    record Ask(
            Partnership partnership,
            String user,
            Purpose purpose,
            String justification,
            Action action,
            Category category,
            Sensitivity sensitivity,
            AgencyId owner,
            LocalDate today,
            AccessFacts facts)
            implements Supplier<Outcome> {

        Ask in(Partnership other) {
            return new Ask(other, user, purpose, justification, action, category, sensitivity, owner, today, facts);
        }

        Ask under(Purpose other) {
            return new Ask(partnership, user, other, justification, action, category, sensitivity, owner, today, facts);
        }

        Ask justifying(String words) {
            return new Ask(partnership, user, purpose, words, action, category, sensitivity, owner, today, facts);
        }

        Ask reads(Category other) {
            return doing(READ, other);
        }

        Ask doing(Action otherAction, Category otherCategory) {
            return new Ask(
                    partnership,
                    user,
                    purpose,
                    justification,
                    otherAction,
                    otherCategory,
                    sensitivity,
                    owner,
                    today,
                    facts);
        }

        Ask restricted() {
            return new Ask(
                    partnership, user, purpose, justification, action, category, RESTRICTED, owner, today, facts);
        }

        Ask sealed() {
            return new Ask(partnership, user, purpose, justification, action, category, SEALED, owner, today, facts);
        }

        Ask of(AgencyId other) {
            return new Ask(
                    partnership, user, purpose, justification, action, category, sensitivity, other, today, facts);
        }

        Ask on(LocalDate day) {
            return new Ask(partnership, user, purpose, justification, action, category, sensitivity, owner, day, facts);
        }

        Ask knowing(AccessFacts other) {
            return new Ask(
                    partnership, user, purpose, justification, action, category, sensitivity, owner, today, other);
        }

        @Override
        public Outcome get() {
            return Outcome.of(AccessPolicy.decide(
                    partnership,
                    new StaffAccessRequest(
                            Username.of(user), purpose, action, category, sensitivity, owner, justification, today),
                    facts));
        }
    }

    private static Ask as(String user) {
        return new Ask(DEMO, user, DIRECT_CARE, null, READ, DEMOGRAPHICS, NORMAL, null, TODAY, NOTHING);
    }

    private static Supplier<Outcome> attempt(String user, Purpose purpose, Action action, Category category) {
        return attempt(DEMO, user, purpose, action, category);
    }

    private static Supplier<Outcome> attempt(
            Partnership partnership, String user, Purpose purpose, Action action, Category category) {
        return () -> Outcome.of(AccessPolicy.attempt(partnership, Username.of(user), purpose, action, category, TODAY));
    }

    /**
     * The user asks to open break-glass; a request with problems opens nothing, and one without gives a grant under
     * which the follow-up request is decided.
     */
    private static Supplier<Outcome> breakGlass(String reason, Purpose purpose, Duration duration, Ask then) {
        return () -> {
            BreakGlassRequest request = new BreakGlassRequest(Username.of(then.user()), reason, purpose, duration);
            List<String> problems = request.problems(then.partnership());
            if (!problems.isEmpty()) {
                return new Outcome(
                        false, List.of(OPENS_BREAK_GLASS), null, Set.of(), null, String.join("; ", problems), null);
            }
            return then.knowing(GRANT).get();
        };
    }

    private static Supplier<Outcome> decided(Supplier<AccessDecision> decision) {
        return () -> Outcome.of(decision.get());
    }

    private static AccessItem item(Category category, Sensitivity sensitivity, AgencyId owner) {
        return new AccessItem("item-1", category, sensitivity, owner);
    }

    /** A representative's view of an item, built up in the row and decided by {@link RepresentativeRules#decide}. */
    record Representing(
            Authority authority,
            boolean lacksCapacity,
            int age,
            Set<Category> kept,
            boolean posingRisk,
            Category category,
            Sensitivity sensitivity)
            implements Supplier<Outcome> {

        Representing aged(int years) {
            return new Representing(authority, lacksCapacity, years, kept, posingRisk, category, sensitivity);
        }

        Representing lackingCapacity() {
            return new Representing(authority, true, age, kept, posingRisk, category, sensitivity);
        }

        Representing keeping(Category keptCategory) {
            return new Representing(
                    authority, lacksCapacity, age, Set.of(keptCategory), posingRisk, category, sensitivity);
        }

        Representing namedAsPosingRisk() {
            return new Representing(authority, lacksCapacity, age, kept, true, category, sensitivity);
        }

        Representing seeing(Category seen) {
            return new Representing(authority, lacksCapacity, age, kept, posingRisk, seen, sensitivity);
        }

        Representing sealed() {
            return new Representing(authority, lacksCapacity, age, kept, posingRisk, category, SEALED);
        }

        RepresentativeAccess access() {
            return new RepresentativeAccess(
                    authority, lacksCapacity, age, kept, posingRisk, category, sensitivity, TODAY);
        }

        @Override
        public Outcome get() {
            return Outcome.of(RepresentativeRules.decide(access()));
        }
    }

    private static Representing representing(Authority authority) {
        return new Representing(authority, false, -1, Set.of(), false, DEMOGRAPHICS, NORMAL);
    }

    private static Supplier<Outcome> portal(boolean bound, Representing representing, Withheld withheld) {
        return () -> Outcome.of(PortalRules.decide(new PortalAccess(
                bound, representing.access(), withheld, representing.category(), representing.sensitivity())));
    }

    private static Supplier<Outcome> ownRecord(
            boolean bound, Category category, Sensitivity sensitivity, Withheld withheld) {
        return () -> Outcome.of(PortalRules.decide(new PortalAccess(bound, null, withheld, category, sensitivity)));
    }

    // The authorities of DEMO.md, and a few invented around them --------------------------------------------------

    /** David Thomson's registered welfare power of attorney for Agnes, verified by her key worker. */
    private static Authority davidsWelfarePower() {
        return new Authority(
                Kind.WELFARE_ATTORNEY, Set.of(), "OPG-WPA-2019-004417", "sw.hamilton", LocalDate.of(2019, 5, 1), null);
    }

    /** A continuing (financial) power of attorney David also holds. */
    private static Authority davidsFinancialPower() {
        return new Authority(
                Kind.FINANCIAL_ATTORNEY,
                Set.of(),
                "OPG-CPA-2019-004418",
                "sw.hamilton",
                LocalDate.of(2019, 5, 1),
                null);
    }

    /** Agnes's nomination of Fiona while capable, recorded by her key worker. */
    private static Authority fionasNomination() {
        return new Authority(
                Kind.NOMINATED_NEXT_OF_KIN_OR_CARER,
                Set.of(CONTACTS, CARE_PLAN, SERVICE_PROVISION),
                null,
                "sw.hamilton",
                TODAY.minusYears(2),
                null);
    }

    private static Authority fionasNominationUnverified() {
        return new Authority(
                Kind.NOMINATED_NEXT_OF_KIN_OR_CARER,
                Set.of(CONTACTS, CARE_PLAN, SERVICE_PROVISION),
                null,
                null,
                TODAY.minusYears(2),
                null);
    }

    /** Lisa Kerr's parental responsibilities, verified by the children's lead social worker. */
    private static Authority lisasResponsibilities() {
        return new Authority(
                Kind.PARENTAL_RESPONSIBILITY, Set.of(), null, "sw.blantyre", LocalDate.of(2019, 6, 2), null);
    }

    /** Responsibilities Mark Boyle would hold, were he not named as posing risk. */
    private static Authority marksResponsibilities() {
        return new Authority(
                Kind.PARENTAL_RESPONSIBILITY, Set.of(), null, "sw.blantyre", LocalDate.of(2022, 1, 20), null);
    }

    /** A sheriff's welfare guardianship order for an Airdrie man, for his care plan, services and assessment. */
    private static Authority welfareGuardianship() {
        return guardianship(LocalDate.of(2025, 6, 1), LocalDate.of(2028, 5, 31));
    }

    private static Authority expiredGuardianship() {
        return guardianship(LocalDate.of(2023, 6, 1), TODAY.minusDays(1));
    }

    private static Authority futureGuardianship() {
        return guardianship(TODAY.plusDays(7), TODAY.plusYears(3));
    }

    private static Authority guardianship(LocalDate start, LocalDate end) {
        return new Authority(
                Kind.WELFARE_GUARDIAN,
                Set.of(CARE_PLAN, SERVICE_PROVISION, ASSESSMENT),
                "OPG-WG-2025-000312",
                "sw.airdrie",
                start,
                end);
    }

    private static AccessFacts related(ConsentState consent) {
        return new AccessFacts(true, false, false, consent, false);
    }

    private static String readDemoFile() {
        try (InputStream in = PolicyScenariosTests.class.getResourceAsStream("/demo/partnership.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Partnership parse(String file) {
        return PartnershipFile.parse("demo", file).orElseThrow();
    }

    /** The demo file with one exact passage replaced, so that a changed demo file fails here rather than silently. */
    private static String changed(String file, String passage, String replacement) {
        if (!file.contains(passage)) {
            throw new IllegalStateException("the demo partnership file no longer holds: " + passage);
        }
        return file.replace(passage, replacement);
    }
}
