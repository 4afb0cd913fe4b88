package org.ecarehub.access.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A partnership file of the demo's shape at the size the access benchmark asks for: 20 agencies of every type (one
 * health board, five GP practices, two councils' social work, housing and education, police, four care providers and
 * three care homes), five teams and {@code staffPerAgency} accounts each, the demo's roles, and the demo's sharing
 * agreements repeated for every pair of agencies of the types they join.
 */
public final class BenchmarkPartnership {

    static final String HEALTH_BOARD = "health-board";
    static final String GP = "gp-practice";
    static final String SOCIAL_WORK = "council-social-work";
    static final String HOUSING = "council-housing";
    static final String EDUCATION = "council-education";
    static final String POLICE = "police";
    static final String CARE_PROVIDER = "care-provider";
    static final String CARE_HOME = "care-home";

    public static final int TEAMS_PER_AGENCY = 5;

    /** The agencies' types, in the order of their ids {@code agency-00} to {@code agency-19}. */
    public static final List<String> AGENCY_TYPES = List.of(
            HEALTH_BOARD,
            GP,
            GP,
            GP,
            GP,
            GP,
            SOCIAL_WORK,
            SOCIAL_WORK,
            HOUSING,
            HOUSING,
            EDUCATION,
            EDUCATION,
            POLICE,
            CARE_PROVIDER,
            CARE_PROVIDER,
            CARE_PROVIDER,
            CARE_PROVIDER,
            CARE_HOME,
            CARE_HOME,
            CARE_HOME);

    /** The roles of the demo that each type of agency gives its practitioners, one for each team in turn. */
    private static final Map<String, List<String>> PRACTITIONER_ROLES = Map.of(
            HEALTH_BOARD, List.of("ed-clinician", "district-nurse", "health-visitor"),
            GP, List.of("gp"),
            SOCIAL_WORK,
                    List.of("social-worker", "occupational-therapist", "team-manager", "out-of-hours-social-worker"),
            HOUSING, List.of("housing-officer"),
            EDUCATION, List.of("head-teacher"),
            POLICE, List.of("concern-hub-officer"),
            CARE_PROVIDER, List.of("homecare-organiser"),
            CARE_HOME, List.of("care-home-manager"));

    private static final List<String> CARE = List.of(
            "demographics",
            "contacts",
            "alerts",
            "assessment",
            "care-plan",
            "service-provision",
            "service-request",
            "health-detail");
    private static final List<String> SOCIAL_CARE = CARE.subList(0, 7);
    private static final List<String> EVERY_CATEGORY = List.of(
            "demographics",
            "contacts",
            "alerts",
            "assessment",
            "care-plan",
            "service-provision",
            "service-request",
            "health-detail",
            "social-work-note",
            "protection",
            "housing",
            "education",
            "police");
    private static final List<String> ALL_CARE_PURPOSES =
            List.of("direct-care", "emergency", "child-protection", "adult-protection");
    private static final List<String> PROTECTION = List.of("child-protection", "adult-protection");

    /** The demo's agreements by the types of agency they join: from, to, name, categories, purposes, restricted. */
    private record Flow(
            String from, String to, String name, List<String> categories, List<String> purposes, boolean restricted) {}

    private static final List<Flow> FLOWS = List.of(
            new Flow(HEALTH_BOARD, GP, "care", CARE, List.of("direct-care"), true),
            new Flow(GP, HEALTH_BOARD, "care", CARE, ALL_CARE_PURPOSES, true),
            new Flow(SOCIAL_WORK, HEALTH_BOARD, "care", SOCIAL_CARE, ALL_CARE_PURPOSES, false),
            new Flow(HEALTH_BOARD, SOCIAL_WORK, "care", CARE, ALL_CARE_PURPOSES, false),
            new Flow(SOCIAL_WORK, GP, "care", SOCIAL_CARE, List.of("direct-care"), false),
            new Flow(GP, SOCIAL_WORK, "care", CARE, ALL_CARE_PURPOSES, false),
            new Flow(SOCIAL_WORK, CARE_PROVIDER, "care", SOCIAL_CARE, List.of("direct-care"), false),
            new Flow(
                    CARE_PROVIDER,
                    SOCIAL_WORK,
                    "care",
                    List.of("demographics", "contacts", "alerts", "care-plan", "service-provision", "service-request"),
                    List.of("direct-care", "emergency", "adult-protection"),
                    false),
            new Flow(SOCIAL_WORK, CARE_HOME, "care", SOCIAL_CARE, List.of("direct-care"), false),
            new Flow(
                    CARE_HOME,
                    SOCIAL_WORK,
                    "care",
                    List.of("demographics", "contacts", "alerts", "care-plan", "service-provision", "service-request"),
                    List.of("direct-care", "emergency", "adult-protection"),
                    false),
            new Flow(
                    HEALTH_BOARD,
                    CARE_PROVIDER,
                    "care",
                    List.of("demographics", "contacts", "alerts", "care-plan"),
                    List.of("direct-care"),
                    false),
            new Flow(
                    CARE_PROVIDER,
                    HEALTH_BOARD,
                    "care",
                    List.of("contacts", "alerts", "service-provision"),
                    List.of("direct-care", "emergency"),
                    false),
            new Flow(
                    HEALTH_BOARD,
                    CARE_HOME,
                    "care",
                    List.of("demographics", "contacts", "alerts", "care-plan", "health-detail"),
                    List.of("direct-care"),
                    false),
            new Flow(
                    HEALTH_BOARD,
                    HOUSING,
                    "care",
                    List.of("demographics", "contacts", "alerts"),
                    List.of("direct-care"),
                    false),
            new Flow(
                    HOUSING,
                    SOCIAL_WORK,
                    "care",
                    List.of("demographics", "contacts", "alerts", "housing", "service-request"),
                    ALL_CARE_PURPOSES,
                    false),
            new Flow(
                    HOUSING,
                    HEALTH_BOARD,
                    "care",
                    List.of("contacts", "alerts", "housing"),
                    List.of("direct-care", "emergency"),
                    false),
            new Flow(SOCIAL_WORK, HEALTH_BOARD, "protection", List.of("protection"), PROTECTION, false),
            new Flow(HEALTH_BOARD, SOCIAL_WORK, "protection", List.of("protection"), PROTECTION, false),
            new Flow(GP, SOCIAL_WORK, "protection", List.of("protection"), PROTECTION, false),
            new Flow(HOUSING, SOCIAL_WORK, "protection", List.of("protection"), PROTECTION, false),
            new Flow(
                    CARE_PROVIDER,
                    SOCIAL_WORK,
                    "protection",
                    List.of("protection"),
                    List.of("adult-protection"),
                    false),
            new Flow(CARE_HOME, SOCIAL_WORK, "protection", List.of("protection"), List.of("adult-protection"), false),
            new Flow(
                    POLICE,
                    SOCIAL_WORK,
                    "protection",
                    List.of("demographics", "contacts", "alerts", "protection", "police"),
                    PROTECTION,
                    false),
            new Flow(
                    SOCIAL_WORK,
                    POLICE,
                    "protection",
                    List.of("demographics", "contacts", "alerts", "protection"),
                    PROTECTION,
                    false),
            new Flow(
                    POLICE,
                    HEALTH_BOARD,
                    "protection",
                    List.of("demographics", "contacts", "protection"),
                    PROTECTION,
                    false),
            new Flow(
                    HEALTH_BOARD,
                    POLICE,
                    "protection",
                    List.of("demographics", "contacts", "protection"),
                    PROTECTION,
                    false),
            new Flow(
                    SOCIAL_WORK,
                    EDUCATION,
                    "protection",
                    List.of("demographics", "contacts", "alerts", "protection"),
                    List.of("child-protection"),
                    false),
            new Flow(
                    EDUCATION,
                    SOCIAL_WORK,
                    "protection",
                    List.of("demographics", "contacts", "alerts", "education", "protection"),
                    List.of("child-protection"),
                    false),
            new Flow(SOCIAL_WORK, SOCIAL_WORK, "protection", EVERY_CATEGORY.subList(0, 3), PROTECTION, false));

    private BenchmarkPartnership() {}

    public static String agency(int index) {
        return String.format("agency-%02d", index);
    }

    public static String team(int agency, int team) {
        return agency(agency) + "-team-" + team;
    }

    public static String staff(int agency, int number) {
        return String.format("staff.%02d.%03d", agency, number);
    }

    /** The team a practitioner belongs to; accounts 0 and 1 of each agency are its governance staff, in no team. */
    public static int teamOf(int number) {
        return number % TEAMS_PER_AGENCY;
    }

    /** The partnership file: 20 agencies with {@code staffPerAgency} accounts each. */
    static String yaml(int staffPerAgency) {
        if (staffPerAgency < 3) {
            throw new IllegalArgumentException("each agency needs at least three accounts: two for governance");
        }
        int governanceHost = AGENCY_TYPES.indexOf(SOCIAL_WORK);
        int dpoHost = AGENCY_TYPES.indexOf(HEALTH_BOARD);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put(
                "partnership",
                map(
                        "name", "Generated partnership for the access benchmark",
                        "duty-officer", staff(governanceHost, 2),
                        "caldicott-guardian", staff(governanceHost, 0),
                        "data-protection-officer", staff(dpoHost, 1)));
        List<Object> agencies = new ArrayList<>();
        List<Object> teams = new ArrayList<>();
        List<Object> staff = new ArrayList<>();
        for (int a = 0; a < AGENCY_TYPES.size(); a++) {
            String type = AGENCY_TYPES.get(a);
            agencies.add(map("id", agency(a), "name", "Agency " + a, "type", type, "caldicott-guardian", staff(a, 0)));
            List<String> roles = PRACTITIONER_ROLES.get(type);
            for (int t = 0; t < TEAMS_PER_AGENCY; t++) {
                teams.add(map("id", team(a, t), "name", "Team " + t + " of agency " + a, "agency", agency(a)));
            }
            for (int n = 0; n < staffPerAgency; n++) {
                Map<String, Object> account = map("username", staff(a, n), "display-name", "Staff " + a + "/" + n);
                account.put("agency", agency(a));
                if (n == 0) {
                    account.put("roles", new ArrayList<>(List.of("caldicott-guardian")));
                } else if (n == 1) {
                    account.put(
                            "roles", List.of(a == dpoHost ? "data-protection-officer" : "partnership-administrator"));
                } else {
                    int t = teamOf(n);
                    // The partnership's duty officer needs the out-of-hours role wherever the roles fall.
                    String role =
                            a == governanceHost && n == 2 ? "out-of-hours-social-worker" : roles.get(t % roles.size());
                    account.put("roles", List.of(role));
                    account.put("teams", List.of(team(a, t)));
                }
                staff.add(account);
            }
        }
        file.put("agencies", agencies);
        file.put("teams", teams);
        file.put("roles", demoRoles());
        file.put("staff", staff);
        file.put("sharing-agreements", agreements(governanceHost, dpoHost));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(200);
        return new Yaml(options).dump(file);
    }

    private static List<Object> agreements(int governanceHost, int dpoHost) {
        List<Object> agreements = new ArrayList<>();
        for (Flow flow : FLOWS) {
            for (int from = 0; from < AGENCY_TYPES.size(); from++) {
                for (int to = 0; to < AGENCY_TYPES.size(); to++) {
                    if (from != to
                            && AGENCY_TYPES.get(from).equals(flow.from())
                            && AGENCY_TYPES.get(to).equals(flow.to())) {
                        Map<String, Object> agreement =
                                map("id", agency(from) + "-to-" + agency(to) + "-" + flow.name(), "from", agency(from));
                        agreement.put("to", agency(to));
                        // Copies, so that the file repeats each list rather than referring to it by an alias.
                        agreement.put("categories", new ArrayList<>(flow.categories()));
                        agreement.put("purposes", new ArrayList<>(flow.purposes()));
                        if (flow.restricted()) {
                            agreement.put("restricted-on-implied-consent", true);
                        }
                        agreement.put("start", "2024-04-01");
                        agreements.add(agreement);
                    }
                }
            }
        }
        // As in the demo: every partner lets the partnership's data protection officer and Caldicott guardian work.
        for (int from = 0; from < AGENCY_TYPES.size(); from++) {
            if (from != dpoHost) {
                agreements.add(governance(from, dpoHost, List.of("audit", "administration", "subject-access")));
            }
            if (from != governanceHost) {
                agreements.add(governance(from, governanceHost, List.of("audit", "administration")));
            }
        }
        return agreements;
    }

    private static Map<String, Object> governance(int from, int to, List<String> purposes) {
        Map<String, Object> agreement =
                map("id", agency(from) + "-to-" + agency(to) + "-governance", "from", agency(from));
        agreement.put("to", agency(to));
        agreement.put("categories", new ArrayList<>(EVERY_CATEGORY));
        agreement.put("purposes", new ArrayList<>(purposes));
        agreement.put("start", "2025-04-01");
        return agreement;
    }

    /** The demo's roles, as its partnership file defines them. */
    private static Object demoRoles() {
        try (InputStream in = new ClassPathResource("demo/partnership.yaml").getInputStream()) {
            Map<?, ?> demo = new Yaml().load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return demo.get("roles");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
