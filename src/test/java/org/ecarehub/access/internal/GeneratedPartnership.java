package org.ecarehub.access.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Duty;
import org.ecarehub.partnership.Purpose;

/**
 * A partnership file generated from a seed, and the same partnership as the generator meant it: the properties judge
 * the decision point against this model, not against the hub's reading of the file, so a misread file cannot hide a
 * wrong decision. Ids carry the seed, so that the people and relationships of one seed never meet another's staff.
 */
record GeneratedPartnership(
        long seed,
        List<Agency> agencies,
        List<Role> roles,
        List<Team> teams,
        List<Staff> staff,
        List<Agreement> agreements,
        String guardian,
        String dutyOfficer) {

    /** The day the generated agreements are measured against: the hub's own today, as the decision point sees it. */
    static LocalDate today() {
        return LocalDate.now(DecisionPoint.PARTNERSHIP_ZONE);
    }

    record Agency(String id, AgencyType type, boolean active, String guardian) {}

    record Role(
            String id,
            Set<Duty> duties,
            Set<Purpose> purposes,
            Map<Category, Set<Action>> permissions,
            boolean sealedAccess) {}

    record Team(String id, String agency) {}

    record Staff(String username, String agency, List<String> roles, List<String> teams, boolean active) {}

    record Agreement(
            String id,
            String from,
            String to,
            Set<Category> categories,
            Set<Purpose> purposes,
            boolean restrictedOnImpliedConsent,
            LocalDate start,
            LocalDate end) {

        boolean inForce(LocalDate day) {
            return !day.isBefore(start) && (end == null || !day.isAfter(end));
        }
    }

    static GeneratedPartnership generate(long seed) {
        Random random = new Random(seed);
        String s = "s" + seed;
        List<Agency> agencies = new ArrayList<>();
        int agencyCount = 4 + random.nextInt(4);
        for (int i = 0; i < agencyCount; i++) {
            AgencyType type = AgencyType.values()[random.nextInt(AgencyType.values().length)];
            // The first agency hosts the partnership's guardian and duty officer, so it stays active.
            boolean active = i == 0 || random.nextInt(100) >= 15;
            agencies.add(new Agency(s + "-agency-" + i, type, active, i == 0 ? s + "-guardian" : null));
        }

        List<Role> roles = new ArrayList<>();
        Map<Category, Set<Action>> readEverything = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            readEverything.put(category, EnumSet.of(Action.READ));
        }
        roles.add(new Role(
                s + "-governance",
                EnumSet.of(Duty.GOVERNANCE),
                EnumSet.of(Purpose.AUDIT, Purpose.ADMINISTRATION, Purpose.SUBJECT_ACCESS),
                readEverything,
                false));
        roles.add(new Role(
                s + "-protection",
                EnumSet.of(Duty.PROTECTION),
                EnumSet.of(Purpose.DIRECT_CARE, Purpose.CHILD_PROTECTION, Purpose.ADULT_PROTECTION),
                permissions(random),
                random.nextBoolean()));
        int roleCount = 4 + random.nextInt(4);
        for (int i = 0; i < roleCount; i++) {
            Set<Duty> duties = EnumSet.noneOf(Duty.class);
            for (Duty duty : Duty.values()) {
                if (random.nextInt(100) < 35) {
                    duties.add(duty);
                }
            }
            Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
            for (Purpose purpose : Purpose.values()) {
                boolean allowed = purpose.requiredDuty().map(duties::contains).orElse(true);
                int chance = purpose == Purpose.DIRECT_CARE ? 80 : 60;
                if (allowed && random.nextInt(100) < chance) {
                    purposes.add(purpose);
                }
            }
            if (purposes.isEmpty()) {
                purposes.add(Purpose.DIRECT_CARE);
            }
            roles.add(new Role(s + "-role-" + i, duties, purposes, permissions(random), random.nextInt(100) < 35));
        }

        List<Team> teams = new ArrayList<>();
        for (Agency agency : agencies) {
            int teamCount = random.nextInt(3);
            for (int j = 0; j < teamCount; j++) {
                teams.add(new Team(agency.id() + "-team-" + j, agency.id()));
            }
        }

        List<Staff> staff = new ArrayList<>();
        String agency0 = agencies.get(0).id();
        staff.add(new Staff(s + "-guardian", agency0, List.of(s + "-governance"), List.of(), true));
        // A data protection officer of their own: the guardian's break-glass is reviewed by the next one up.
        staff.add(new Staff(s + "-dpo", agency0, List.of(s + "-governance"), List.of(), true));
        staff.add(new Staff(s + "-duty", agency0, List.of(s + "-protection"), List.of(), true));
        int staffCount = 16 + random.nextInt(8);
        for (int i = 0; i < staffCount; i++) {
            Agency agency = agencies.get(random.nextInt(agencies.size()));
            Set<String> held = new LinkedHashSet<>();
            int roleHeld = 1 + random.nextInt(2);
            for (int k = 0; k < roleHeld; k++) {
                // The fixed governance and protection roles are rarer than the generated ones.
                int pick = random.nextInt(100) < 15 ? random.nextInt(2) : 2 + random.nextInt(roles.size() - 2);
                held.add(roles.get(pick).id());
            }
            List<String> theirTeams = teams.stream()
                    .filter(team -> team.agency().equals(agency.id()))
                    .filter(team -> random.nextInt(100) < 60)
                    .map(Team::id)
                    .toList();
            staff.add(
                    new Staff(s + "-user-" + i, agency.id(), List.copyOf(held), theirTeams, random.nextInt(100) >= 15));
        }

        List<Agreement> agreements = new ArrayList<>();
        for (Agency from : agencies) {
            for (Agency to : agencies) {
                if (from == to || random.nextInt(100) >= 55) {
                    continue;
                }
                Set<Category> categories = EnumSet.noneOf(Category.class);
                for (Category category : Category.values()) {
                    if (random.nextInt(100) < 50) {
                        categories.add(category);
                    }
                }
                if (categories.isEmpty()) {
                    categories.add(Category.DEMOGRAPHICS);
                }
                Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
                for (Purpose purpose : Purpose.values()) {
                    int chance = purpose == Purpose.DIRECT_CARE ? 70 : 35;
                    if (random.nextInt(100) < chance) {
                        purposes.add(purpose);
                    }
                }
                if (purposes.isEmpty()) {
                    purposes.add(Purpose.DIRECT_CARE);
                }
                boolean restricted = purposes.contains(Purpose.DIRECT_CARE) && random.nextInt(100) < 40;
                LocalDate start = LocalDate.of(2024, 4, 1);
                LocalDate end = null;
                int when = random.nextInt(100);
                if (when < 10) {
                    start = today().plusDays(30);
                } else if (when < 20) {
                    end = LocalDate.of(2025, 3, 31);
                }
                agreements.add(new Agreement(
                        from.id() + "-to-" + to.id().substring(s.length() + 1),
                        from.id(),
                        to.id(),
                        categories,
                        purposes,
                        restricted,
                        start,
                        end));
            }
        }
        return new GeneratedPartnership(seed, agencies, roles, teams, staff, agreements, s + "-guardian", s + "-duty");
    }

    private static Map<Category, Set<Action>> permissions(Random random) {
        Map<Category, Set<Action>> permissions = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            if (random.nextInt(100) >= 60) {
                continue;
            }
            Set<Action> actions = EnumSet.noneOf(Action.class);
            if (random.nextInt(100) < 85) {
                actions.add(Action.READ);
            }
            for (Action action : Action.values()) {
                if (random.nextInt(100) < 30) {
                    actions.add(action);
                }
            }
            if (!actions.isEmpty()) {
                permissions.put(category, actions);
            }
        }
        if (permissions.isEmpty()) {
            permissions.put(Category.DEMOGRAPHICS, EnumSet.of(Action.READ));
        }
        return permissions;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The model's own answers, written from POLICY.md and the generator, not from the hub's code.

    String dataProtectionOfficer() {
        return "s" + seed + "-dpo";
    }

    Staff account(String username) {
        return staff.stream()
                .filter(account -> account.username().equals(username))
                .findFirst()
                .orElse(null);
    }

    Agency agency(String id) {
        return agencies.stream()
                .filter(agency -> agency.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    List<Role> rolesOf(Staff account) {
        return roles.stream()
                .filter(role -> account.roles().contains(role.id()))
                .toList();
    }

    boolean activeMember(Staff account) {
        return account.active() && agency(account.agency()).active();
    }

    Set<Purpose> purposesOf(Staff account) {
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        rolesOf(account).forEach(role -> purposes.addAll(role.purposes()));
        return purposes;
    }

    boolean permits(Staff account, Action action, Category category) {
        return rolesOf(account).stream()
                .anyMatch(role ->
                        role.permissions().getOrDefault(category, Set.of()).contains(action));
    }

    boolean sealedAccess(Staff account) {
        return rolesOf(account).stream().anyMatch(Role::sealedAccess);
    }

    boolean agreementLets(String from, String to, Category category, Purpose purpose, LocalDate day) {
        return agreements.stream()
                .anyMatch(agreement -> agreement.from().equals(from)
                        && agreement.to().equals(to)
                        && agreement.categories().contains(category)
                        && agreement.purposes().contains(purpose)
                        && agreement.inForce(day));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The file

    String yaml() {
        StringBuilder out = new StringBuilder();
        out.append("# Generated from seed ").append(seed).append(" by AccessPropertiesIntegrationTests.\n");
        out.append("partnership:\n");
        out.append("  name: Generated partnership ").append(seed).append('\n');
        out.append("  duty-officer: ").append(dutyOfficer).append('\n');
        out.append("  caldicott-guardian: ").append(guardian).append('\n');
        out.append("  data-protection-officer: ")
                .append(dataProtectionOfficer())
                .append('\n');
        out.append("agencies:\n");
        for (Agency agency : agencies) {
            out.append("  - id: ").append(agency.id()).append('\n');
            out.append("    name: Agency ").append(agency.id()).append('\n');
            out.append("    type: ").append(agency.type().code()).append('\n');
            out.append("    active: ").append(agency.active()).append('\n');
            if (agency.guardian() != null) {
                out.append("    caldicott-guardian: ").append(agency.guardian()).append('\n');
            }
        }
        out.append("teams:\n");
        for (Team team : teams) {
            out.append("  - id: ").append(team.id()).append('\n');
            out.append("    name: Team ").append(team.id()).append('\n');
            out.append("    agency: ").append(team.agency()).append('\n');
        }
        out.append("roles:\n");
        for (Role role : roles) {
            out.append("  - id: ").append(role.id()).append('\n');
            out.append("    name: Role ").append(role.id()).append('\n');
            out.append("    duties: ").append(codes(role.duties(), Duty::code)).append('\n');
            out.append("    purposes: ")
                    .append(codes(role.purposes(), Purpose::code))
                    .append('\n');
            out.append("    permissions:\n");
            role.permissions()
                    .forEach((category, actions) -> out.append("      ")
                            .append(category.code())
                            .append(": ")
                            .append(codes(actions, Action::code))
                            .append('\n'));
            out.append("    sealed-access: ").append(role.sealedAccess()).append('\n');
        }
        out.append("staff:\n");
        for (Staff account : staff) {
            out.append("  - username: ").append(account.username()).append('\n');
            out.append("    display-name: Staff ").append(account.username()).append('\n');
            out.append("    agency: ").append(account.agency()).append('\n');
            out.append("    roles: [")
                    .append(String.join(", ", account.roles()))
                    .append("]\n");
            out.append("    teams: [")
                    .append(String.join(", ", account.teams()))
                    .append("]\n");
            out.append("    active: ").append(account.active()).append('\n');
        }
        out.append("sharing-agreements:\n");
        for (Agreement agreement : agreements) {
            out.append("  - id: ").append(agreement.id()).append('\n');
            out.append("    from: ").append(agreement.from()).append('\n');
            out.append("    to: ").append(agreement.to()).append('\n');
            out.append("    categories: ")
                    .append(codes(agreement.categories(), Category::code))
                    .append('\n');
            out.append("    purposes: ")
                    .append(codes(agreement.purposes(), Purpose::code))
                    .append('\n');
            out.append("    restricted-on-implied-consent: ")
                    .append(agreement.restrictedOnImpliedConsent())
                    .append('\n');
            out.append("    start: ").append(agreement.start()).append('\n');
            if (agreement.end() != null) {
                out.append("    end: ").append(agreement.end()).append('\n');
            }
        }
        return out.toString();
    }

    private static <T> String codes(Set<T> values, Function<T, String> code) {
        return values.stream().map(code).collect(Collectors.joining(", ", "[", "]"));
    }
}
