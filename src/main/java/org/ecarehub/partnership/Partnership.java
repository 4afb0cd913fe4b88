package org.ecarehub.partnership;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.RoleId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * One partnership's configuration: agencies, teams, roles, staff accounts, sharing agreements and governance.
 *
 * <p>A value like a record (accessors named as components, equality by content), but a class so that it can keep
 * indexes for the lookups every access decision makes. The constructor refuses duplicate ids and references to
 * anything not in the partnership, so code holding a {@code Partnership} never meets a dangling id; {@link
 * PartnershipFile} reports the same faults with their line numbers instead.
 */
public final class Partnership {

    private final String name;
    private final List<Agency> agencies;
    private final List<Team> teams;
    private final List<Role> roles;
    private final List<StaffAccount> staff;
    private final List<SharingAgreement> sharingAgreements;
    private final Governance governance;
    private final ServiceRequestTargets serviceRequestTargets;
    private final ProtectionMessageRouting protectionMessageRouting;

    private final Map<AgencyId, Agency> agenciesById;
    private final Map<TeamId, Team> teamsById;
    private final Map<RoleId, Role> rolesById;
    private final Map<Username, StaffAccount> staffByUsername;
    private final Map<String, SharingAgreement> agreementsById;

    public Partnership(
            String name,
            List<Agency> agencies,
            List<Team> teams,
            List<Role> roles,
            List<StaffAccount> staff,
            List<SharingAgreement> sharingAgreements,
            Governance governance) {
        this(name, agencies, teams, roles, staff, sharingAgreements, governance, ServiceRequestTargets.DEFAULT);
    }

    public Partnership(
            String name,
            List<Agency> agencies,
            List<Team> teams,
            List<Role> roles,
            List<StaffAccount> staff,
            List<SharingAgreement> sharingAgreements,
            Governance governance,
            ServiceRequestTargets serviceRequestTargets) {
        this(
                name,
                agencies,
                teams,
                roles,
                staff,
                sharingAgreements,
                governance,
                serviceRequestTargets,
                ProtectionMessageRouting.DEFAULT);
    }

    public Partnership(
            String name,
            List<Agency> agencies,
            List<Team> teams,
            List<Role> roles,
            List<StaffAccount> staff,
            List<SharingAgreement> sharingAgreements,
            Governance governance,
            ServiceRequestTargets serviceRequestTargets,
            ProtectionMessageRouting protectionMessageRouting) {
        this.name = Texts.requireText(name, "name of the partnership");
        this.agencies = List.copyOf(agencies);
        this.teams = List.copyOf(teams);
        this.roles = List.copyOf(roles);
        this.staff = List.copyOf(staff);
        this.sharingAgreements = List.copyOf(sharingAgreements);
        this.governance = Objects.requireNonNull(governance, "governance");
        this.serviceRequestTargets = Objects.requireNonNull(serviceRequestTargets, "serviceRequestTargets");
        this.protectionMessageRouting = Objects.requireNonNull(protectionMessageRouting, "protectionMessageRouting");
        this.agenciesById = index(this.agencies, Agency::id, "agency");
        this.teamsById = index(this.teams, Team::id, "team");
        this.rolesById = index(this.roles, Role::id, "role");
        this.staffByUsername = index(this.staff, StaffAccount::username, "staff account");
        this.agreementsById = index(this.sharingAgreements, SharingAgreement::id, "sharing agreement");
        checkReferences();
    }

    private static final Partnership EMPTY = new Partnership();

    /** The partnership before any file is applied: no agencies, no staff, no governance. */
    private Partnership() {
        this.name = "no partnership applied";
        this.agencies = List.of();
        this.teams = List.of();
        this.roles = List.of();
        this.staff = List.of();
        this.sharingAgreements = List.of();
        this.governance = null;
        this.serviceRequestTargets = ServiceRequestTargets.DEFAULT;
        this.protectionMessageRouting = ProtectionMessageRouting.DEFAULT;
        this.agenciesById = Map.of();
        this.teamsById = Map.of();
        this.rolesById = Map.of();
        this.staffByUsername = Map.of();
        this.agreementsById = Map.of();
    }

    /** The partnership in force before any file is applied; it has no members, so it allows nothing. */
    public static Partnership empty() {
        return EMPTY;
    }

    public String name() {
        return name;
    }

    public List<Agency> agencies() {
        return agencies;
    }

    public List<Team> teams() {
        return teams;
    }

    public List<Role> roles() {
        return roles;
    }

    public List<StaffAccount> staff() {
        return staff;
    }

    public List<SharingAgreement> sharingAgreements() {
        return sharingAgreements;
    }

    public Governance governance() {
        return governance;
    }

    /** How many calendar days the partnership gives a service request of each priority. */
    public ServiceRequestTargets serviceRequestTargets() {
        return serviceRequestTargets;
    }

    /** Where protection messages go and how soon they must be acknowledged. */
    public ProtectionMessageRouting protectionMessageRouting() {
        return protectionMessageRouting;
    }

    public Optional<Agency> agency(AgencyId id) {
        return Optional.ofNullable(agenciesById.get(id));
    }

    /** The agency whose registered system has this client id; client ids are unique across the partnership. */
    public Optional<Agency> agencyOfSystem(String clientId) {
        return agencies.stream()
                .filter(agency -> agency.system(clientId).isPresent())
                .findFirst();
    }

    public Optional<Team> team(TeamId id) {
        return Optional.ofNullable(teamsById.get(id));
    }

    public Optional<Role> role(RoleId id) {
        return Optional.ofNullable(rolesById.get(id));
    }

    public Optional<StaffAccount> staff(Username username) {
        return Optional.ofNullable(staffByUsername.get(username));
    }

    public Optional<SharingAgreement> sharingAgreement(String id) {
        return Optional.ofNullable(agreementsById.get(id));
    }

    /**
     * The account's roles as this partnership defines them. A role the partnership no longer has grants nothing, so
     * an account read under an older configuration loses that role's rights rather than keeping them.
     */
    public List<Role> rolesOf(StaffAccount account) {
        return account.roles().stream()
                .map(rolesById::get)
                .filter(Objects::nonNull)
                .toList();
    }

    public List<Team> teamsOf(StaffAccount account) {
        return account.teams().stream()
                .map(teamsById::get)
                .filter(Objects::nonNull)
                .toList();
    }

    public List<StaffAccount> membersOf(TeamId team) {
        return staff.stream().filter(account -> account.teams().contains(team)).toList();
    }

    /** POLICY.md rule 1: the account is this partnership's, and both it and its agency are active. */
    public boolean isActiveMember(StaffAccount account) {
        return account.active()
                && staffByUsername.containsKey(account.username())
                && agency(account.agency()).map(Agency::active).orElse(false);
    }

    public Set<Purpose> purposesOf(StaffAccount account) {
        EnumSet<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        rolesOf(account).forEach(role -> purposes.addAll(role.purposes()));
        return Collections.unmodifiableSet(purposes);
    }

    /** POLICY.md rule 2: one of the account's roles allows the purpose. */
    public boolean mayUse(StaffAccount account, Purpose purpose) {
        return rolesOf(account).stream().anyMatch(role -> role.mayUse(purpose));
    }

    /**
     * The purpose a token gets when none is asked for: direct care where the account's roles allow it, else the
     * first purpose they allow (a concern hub officer has no direct care), else none.
     */
    public Optional<Purpose> defaultPurpose(StaffAccount account) {
        Set<Purpose> purposes = purposesOf(account);
        if (purposes.contains(Purpose.DIRECT_CARE)) {
            return Optional.of(Purpose.DIRECT_CARE);
        }
        return purposes.stream().findFirst();
    }

    /** POLICY.md rule 3: one of the account's roles permits the action on the category. */
    public boolean permits(StaffAccount account, Action action, Category category) {
        return rolesOf(account).stream().anyMatch(role -> role.permits(action, category));
    }

    /** Part of POLICY.md rule 4: one of the account's roles holds the sealed-access permission. */
    public boolean hasSealedAccess(StaffAccount account) {
        return rolesOf(account).stream().anyMatch(Role::sealedAccess);
    }

    /**
     * POLICY.md rule 5: the agreements in force on the day that let the category flow from the owning agency to the
     * user's agency for the purpose, in file order. Rule 8 looks among them for one that lets restricted items flow.
     */
    public List<SharingAgreement> agreementsLetting(
            AgencyId from, AgencyId to, Category category, Purpose purpose, LocalDate day) {
        return sharingAgreements.stream()
                .filter(agreement ->
                        agreement.from().equals(from) && agreement.to().equals(to))
                .filter(agreement -> agreement.covers(category, purpose) && agreement.isActiveOn(day))
                .toList();
    }

    public Username caldicottGuardianFor(AgencyId agency) {
        return governance.caldicottGuardianFor(agency);
    }

    private static <K, V> Map<K, V> index(List<V> values, Function<V, K> id, String kind) {
        Map<K, V> index = new LinkedHashMap<>();
        for (V value : values) {
            if (index.putIfAbsent(id.apply(value), value) != null) {
                throw new IllegalArgumentException("duplicate " + kind + " '" + id.apply(value) + "'");
            }
        }
        return Collections.unmodifiableMap(index);
    }

    private void checkReferences() {
        for (Team team : teams) {
            requireAgency(team.agency(), "team " + team.id());
        }
        for (StaffAccount account : staff) {
            String owner = "staff account " + account.username();
            requireAgency(account.agency(), owner);
            for (RoleId role : account.roles()) {
                require(rolesById.containsKey(role), "unknown role '" + role + "' in " + owner);
            }
            for (TeamId teamId : account.teams()) {
                Team team = teamsById.get(teamId);
                require(team != null, "unknown team '" + teamId + "' in " + owner);
                require(
                        team.agency().equals(account.agency()),
                        owner + " is in team '" + teamId + "' of another agency");
            }
        }
        java.util.Set<String> clientIds = new java.util.HashSet<>();
        for (Agency agency : agencies) {
            for (AgencySystem system : agency.systems()) {
                require(clientIds.add(system.clientId()), "duplicate client id '" + system.clientId() + "'");
            }
        }
        for (SharingAgreement agreement : sharingAgreements) {
            requireAgency(agreement.from(), "sharing agreement " + agreement.id());
            requireAgency(agreement.to(), "sharing agreement " + agreement.id());
        }
        for (TeamId team : protectionMessageRouting.outOfHoursTeams()) {
            require(teamsById.containsKey(team), "unknown team '" + team + "' in the protection message routing");
        }
        protectionMessageRouting.teams().values().stream()
                .flatMap(List::stream)
                .forEach(team -> require(
                        teamsById.containsKey(team), "unknown team '" + team + "' in the protection message routing"));
        for (RoleId role : protectionMessageRouting.managerRoles()) {
            require(rolesById.containsKey(role), "unknown role '" + role + "' in the protection message routing");
        }
        requireStaff(governance.dutyOfficer(), "the duty officer");
        requireStaff(governance.caldicottGuardian(), "the Caldicott guardian");
        requireStaff(governance.dataProtectionOfficer(), "the data protection officer");
        governance.agencyCaldicottGuardians().forEach((agency, guardian) -> {
            requireAgency(agency, "the Caldicott guardians");
            requireStaff(guardian, "the Caldicott guardian of agency " + agency);
        });
    }

    private void requireAgency(AgencyId agency, String where) {
        require(agenciesById.containsKey(agency), "unknown agency '" + agency + "' in " + where);
    }

    private void requireStaff(Username username, String as) {
        require(staffByUsername.containsKey(username), "unknown staff account '" + username + "' as " + as);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Partnership that
                && name.equals(that.name)
                && agencies.equals(that.agencies)
                && teams.equals(that.teams)
                && roles.equals(that.roles)
                && staff.equals(that.staff)
                && sharingAgreements.equals(that.sharingAgreements)
                && governance.equals(that.governance)
                && serviceRequestTargets.equals(that.serviceRequestTargets)
                && protectionMessageRouting.equals(that.protectionMessageRouting);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                name,
                agencies,
                teams,
                roles,
                staff,
                sharingAgreements,
                governance,
                serviceRequestTargets,
                protectionMessageRouting);
    }

    @Override
    public String toString() {
        return "Partnership[" + name + ": " + agencies.size() + " agencies, " + teams.size() + " teams, "
                + roles.size() + " roles, " + staff.size() + " staff accounts, " + sharingAgreements.size()
                + " sharing agreements]";
    }
}
