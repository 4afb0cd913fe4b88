package org.ecarehub.partnership;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecarehub.partnership.PartnershipFile.Problem;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.RoleId;
import org.ecarehub.shared.Slugs;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Walks the YAML node tree (composed, never constructed into Java objects, so that every value keeps its line and
 * no tag can instantiate a class), collects drafts of each entry, checks them against each other and builds the
 * partnership only when nothing was wrong. One reader reads one file.
 */
final class PartnershipFileReader {

    // The demo file uses no aliases; a handful lets an administrator reuse a list, while a billion-laughs file,
    // which needs dozens, is refused while it is being composed.
    static final int MAX_ALIASES_FOR_COLLECTIONS = 50;
    // The format is five levels deep; the margin only allows for a mistake to be reported rather than refused.
    static final int MAX_NESTING_DEPTH = 20;
    // Generous for tens of thousands of staff accounts, small enough that a hostile file cannot exhaust memory.
    static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

    private static final List<String> FILE_KEYS = List.of(
            "partnership",
            "agencies",
            "teams",
            "roles",
            "staff",
            "sharing-agreements",
            "service-request-targets",
            "protection-message-routing");
    private static final List<String> PARTNERSHIP_KEYS = List.of(
            "name", "duty-officer", "caldicott-guardian", "data-protection-officer", "portal-shows-staff-accounts");
    private static final List<String> AGENCY_KEYS =
            List.of("id", "name", "type", "active", "caldicott-guardian", "systems", "subscription");
    private static final List<String> SUBSCRIPTION_KEYS = List.of("endpoint", "secret");
    private static final List<String> SYSTEM_KEYS = List.of("client-id", "public-key", "on-behalf-of-staff");
    /** The longest partnership name the stored versions keep. */
    static final int MAX_NAME = 200;

    private static final List<String> ROUTING_KEYS = List.of(
            "office-hours",
            "out-of-hours",
            "child",
            "adult",
            "involved-teams",
            "acknowledge-within",
            "escalate-to-duty-officer-after",
            "team-manager-roles");
    private static final List<String> OFFICE_HOURS_KEYS = List.of("days", "opens", "closes");

    private static final List<String> TEAM_KEYS = List.of("id", "name", "agency", "phone", "mailbox");
    private static final List<String> ROLE_KEYS =
            List.of("id", "name", "duties", "purposes", "permissions", "sealed-access");
    private static final List<String> STAFF_KEYS =
            List.of("username", "display-name", "agency", "roles", "teams", "active");
    private static final List<String> AGREEMENT_KEYS =
            List.of("id", "from", "to", "categories", "purposes", "restricted-on-implied-consent", "start", "end");

    // Only the tags plain YAML resolves to by itself; an explicit tag (!!binary, !!set, a local !tag, a Java class)
    // has no meaning in this format and is refused rather than guessed at.
    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.SEQ, Tag.MAP);

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    PartnershipFileReader(String source) {
        this.source = source;
    }

    PartnershipFile.Result read(String text) {
        Node root = compose(text);
        Partnership partnership = root == null ? null : interpret(root);
        if (partnership != null && problems.isEmpty()) {
            return new PartnershipFile.Valid(partnership);
        }
        return new PartnershipFile.Invalid(problems.stream()
                .distinct()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .toList());
    }

    private Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        options.setProcessComments(false);
        options.setTagInspector(tag -> false);
        StreamReader reader = new StreamReader(text);
        try {
            Node root = new Composer(new ParserImpl(reader, options), new Resolver(), options).getSingleNode();
            if (root == null) {
                report(1, 1, "the file is empty; it needs at least the sections " + quoted(FILE_KEYS));
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + e.getContext().strip() + ")";
            report(
                    mark,
                    "malformed YAML: "
                            + Objects.toString(e.getProblem(), "unreadable").strip() + context);
        } catch (YAMLException e) {
            // The limits above throw without a mark; where the reader had got to is where the file went wrong.
            report(reader.getMark(), "refused YAML: " + e.getMessage());
        }
        return null;
    }

    private Partnership interpret(Node root) {
        Fields file = fields(root, "the file", FILE_KEYS, "a mapping with the sections " + quoted(FILE_KEYS));
        if (file == null) {
            return null;
        }
        GovernanceDraft governance = governance(file);
        List<AgencyDraft> agencies = entries(file, "agencies", true, this::agency);
        List<TeamDraft> teams = entries(file, "teams", false, this::team);
        List<RoleDraft> roles = entries(file, "roles", true, this::role);
        List<StaffDraft> staff = entries(file, "staff", true, this::staffAccount);
        List<AgreementDraft> agreements = entries(file, "sharing-agreements", false, this::agreement);
        ServiceRequestTargets targets = serviceRequestTargets(file);
        RoutingDraft routing = protectionMessageRouting(file);

        Map<String, AgencyDraft> agencyIndex = index(agencies, AgencyDraft::id, "agency id");
        Map<String, TeamDraft> teamIndex = index(teams, TeamDraft::id, "team id");
        Map<String, RoleDraft> roleIndex = index(roles, RoleDraft::id, "role id");
        Map<String, StaffDraft> staffIndex = index(staff, StaffDraft::username, "username");
        index(agreements, AgreementDraft::id, "sharing agreement id");
        index(
                agencies.stream().flatMap(agency -> agency.systems().stream()).toList(),
                SystemDraft::clientId,
                "client id");

        Holders holders = new Holders(staffIndex, roleIndex);
        for (AgencyDraft agency : agencies) {
            holders.check(agency.guardian(), "the Caldicott guardian of " + agency.context(), Duty.GOVERNANCE);
        }
        for (TeamDraft team : teams) {
            refer(team.agency(), agencyIndex, "agency", team.context());
        }
        for (StaffDraft account : staff) {
            checkReferences(account, agencyIndex, teamIndex, roleIndex);
        }
        for (AgreementDraft agreement : agreements) {
            refer(agreement.from(), agencyIndex, "agency", agreement.context());
            refer(agreement.to(), agencyIndex, "agency", agreement.context());
        }
        if (routing != null) {
            String context = "'protection-message-routing'";
            routing.teams().forEach(team -> refer(team, teamIndex, "team", context));
            routing.managerRoles().forEach(role -> refer(role, roleIndex, "role", context));
        }
        if (governance != null) {
            holders.check(governance.dutyOfficer(), "the partnership's duty officer", Duty.PROTECTION);
            holders.check(governance.caldicottGuardian(), "the partnership's Caldicott guardian", Duty.GOVERNANCE);
            holders.check(
                    governance.dataProtectionOfficer(), "the partnership's data protection officer", Duty.GOVERNANCE);
        }
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            return build(governance, agencies, teams, roles, staff, agreements, targets, routing);
        } catch (IllegalArgumentException e) {
            // Every rule the model enforces is checked above with its line; this is the net under that promise.
            report(root, e.getMessage());
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sections and entries

    private GovernanceDraft governance(Fields file) {
        Node node = file.get("partnership");
        if (node == null) {
            report(file.owner(), "missing 'partnership' in the file");
            return null;
        }
        Fields fields = fields(node, "'partnership'", PARTNERSHIP_KEYS, "a mapping of " + quoted(PARTNERSHIP_KEYS));
        if (fields == null) {
            return null;
        }
        Item name = fields.item("name", true);
        if (name != null && name.text().length() > MAX_NAME) {
            // The stored versions keep the name in a column of this size: refuse here, not when the file is applied.
            report(name.node(), "the partnership's name must have at most " + MAX_NAME + " characters");
        }
        return new GovernanceDraft(
                name == null ? null : name.text(),
                fields.item("duty-officer", true),
                fields.item("caldicott-guardian", true),
                fields.item("data-protection-officer", true),
                fields.flag("portal-shows-staff-accounts", false));
    }

    /**
     * The target in calendar days for each priority of service request; the defaults when the section is absent, and
     * null after reporting any problem in it.
     */
    private ServiceRequestTargets serviceRequestTargets(Fields file) {
        Node node = file.get("service-request-targets");
        if (node == null) {
            return ServiceRequestTargets.DEFAULT;
        }
        if (!plain(node)) {
            return null;
        }
        String context = "'service-request-targets'";
        if (!(node instanceof MappingNode mapping)) {
            report(node, context + " must be a mapping of priorities to days, such as 'urgent: 2'");
            return null;
        }
        Map<RequestPriority, Integer> days = new EnumMap<>(RequestPriority.class);
        Map<RequestPriority, Node> nodes = new EnumMap<>(RequestPriority.class);
        boolean complete = true;
        for (Map.Entry<String, Entry> entry : keyed(mapping, context).entrySet()) {
            Optional<RequestPriority> priority = RequestPriority.fromCode(entry.getKey());
            if (priority.isEmpty()) {
                report(
                        entry.getValue().key(),
                        unknownCode("priority", entry.getKey(), context, RequestPriority.values()));
                complete = false;
                continue;
            }
            Node value = entry.getValue().value();
            if (!(value instanceof ScalarNode scalar)
                    || !value.getTag().equals(Tag.INT)
                    || !scalar.getValue().matches("[0-9]{1,4}")) {
                report(
                        value,
                        "the target for " + entry.getKey() + " service requests must be a whole number of days, not "
                                + shape(value));
                complete = false;
                continue;
            }
            int target = Integer.parseInt(scalar.getValue());
            if (target < 1 || target > ServiceRequestTargets.MAX_DAYS) {
                report(value, ServiceRequestTargets.outOfRange(priority.get(), target));
                complete = false;
                continue;
            }
            days.put(priority.get(), target);
            nodes.put(priority.get(), value);
        }
        for (RequestPriority priority : RequestPriority.values()) {
            if (complete && !days.containsKey(priority)) {
                report(mapping, "missing '" + priority.code() + "' in " + context + "; every priority needs a target");
                complete = false;
            }
        }
        if (!complete) {
            return null;
        }
        RequestPriority[] order = RequestPriority.values();
        for (int i = 1; i < order.length; i++) {
            if (days.get(order[i - 1]) > days.get(order[i])) {
                report(nodes.get(order[i - 1]), ServiceRequestTargets.outOfOrder(order[i - 1], order[i]));
                return null;
            }
        }
        return new ServiceRequestTargets(days);
    }

    /**
     * Where protection messages go and their deadlines; the defaults when the section is absent, and null after
     * reporting any problem in it. Team and role references are checked with the other references.
     */
    private RoutingDraft protectionMessageRouting(Fields file) {
        Node node = file.get("protection-message-routing");
        if (node == null) {
            return new RoutingDraft(ProtectionMessageRouting.DEFAULT, List.of(), List.of(), List.of(), List.of());
        }
        String context = "'protection-message-routing'";
        Fields fields = fields(node, context, ROUTING_KEYS, "a mapping of " + quoted(ROUTING_KEYS));
        if (fields == null) {
            return null;
        }
        int before = problems.size();
        ProtectionMessageRouting defaults = ProtectionMessageRouting.DEFAULT;
        Set<java.time.DayOfWeek> days = defaults.officeDays();
        java.time.LocalTime opens = defaults.opens();
        java.time.LocalTime closes = defaults.closes();
        Node hoursNode = fields.get("office-hours");
        if (hoursNode != null) {
            Fields hours = fields(
                    hoursNode,
                    "'office-hours' in " + context,
                    OFFICE_HOURS_KEYS,
                    "a mapping of " + quoted(OFFICE_HOURS_KEYS));
            if (hours != null) {
                List<Item> dayItems = hours.items("days", true);
                if (dayItems != null) {
                    Set<java.time.DayOfWeek> read = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
                    for (Item day : dayItems) {
                        try {
                            read.add(java.time.DayOfWeek.valueOf(day.text().toUpperCase(java.util.Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            report(
                                    day.node(),
                                    "unknown day '" + day.text() + "' in " + hours.context()
                                            + "; expected 'monday' to 'sunday'");
                        }
                    }
                    days = read;
                }
                opens = time(hours, "opens", opens);
                closes = time(hours, "closes", closes);
                if (opens != null && closes != null && !opens.isBefore(closes)) {
                    report(hours.get("closes"), ProtectionMessageRouting.openingOrder() + " in " + hours.context());
                }
            }
        }
        List<Item> outOfHours = fields.items("out-of-hours", false);
        List<Item> child = fields.items("child", false);
        List<Item> adult = fields.items("adult", false);
        Boolean involved = fields.flag("involved-teams", defaults.involvedTeams());
        Map<ConcernPriority, Duration> within = new EnumMap<>(defaults.acknowledgeWithin());
        Node withinNode = fields.get("acknowledge-within");
        if (withinNode != null && plain(withinNode)) {
            String withinContext = "'acknowledge-within' in " + context;
            if (withinNode instanceof MappingNode mapping) {
                for (Map.Entry<String, Entry> entry :
                        keyed(mapping, withinContext).entrySet()) {
                    Optional<ConcernPriority> priority = ConcernPriority.fromCode(entry.getKey());
                    if (priority.isEmpty()) {
                        report(
                                entry.getValue().key(),
                                unknownCode("priority", entry.getKey(), withinContext, ConcernPriority.values()));
                        continue;
                    }
                    Duration deadline =
                            duration(entry.getValue().value(), "the " + entry.getKey() + " acknowledgement deadline");
                    if (deadline != null) {
                        within.put(priority.get(), deadline);
                    }
                }
                if (within.get(ConcernPriority.URGENT).compareTo(within.get(ConcernPriority.STANDARD)) > 0) {
                    report(withinNode, ProtectionMessageRouting.urgentLonger());
                }
            } else {
                report(
                        withinNode,
                        withinContext + " must be a mapping of priorities to durations, such as" + " 'urgent: PT1H'");
            }
        }
        Duration escalate = defaults.escalateToDutyOfficerAfter();
        Node escalateNode = fields.get("escalate-to-duty-officer-after");
        if (escalateNode != null && plain(escalateNode)) {
            escalate = duration(escalateNode, "escalation to the duty officer");
        }
        List<Item> managerRoles = fields.items("team-manager-roles", false);
        if (problems.size() > before
                || outOfHours == null
                || child == null
                || adult == null
                || involved == null
                || managerRoles == null
                || escalate == null) {
            return null;
        }
        try {
            Map<ConcernKind, List<TeamId>> teams = new EnumMap<>(ConcernKind.class);
            teams.put(ConcernKind.CHILD, teamIds(child));
            teams.put(ConcernKind.ADULT, teamIds(adult));
            ProtectionMessageRouting routing = new ProtectionMessageRouting(
                    days,
                    opens,
                    closes,
                    teamIds(outOfHours),
                    teams,
                    involved,
                    within,
                    escalate,
                    managerRoles.stream().map(role -> new RoleId(role.text())).collect(Collectors.toSet()));
            return new RoutingDraft(routing, outOfHours, child, adult, managerRoles);
        } catch (IllegalArgumentException e) {
            report(node, e.getMessage());
            return null;
        }
    }

    private java.time.LocalTime time(Fields fields, String key, java.time.LocalTime absent) {
        Item item = fields.item(key, false);
        if (item == null) {
            return fields.get(key) == null ? absent : null;
        }
        try {
            return java.time.LocalTime.parse(item.text());
        } catch (java.time.format.DateTimeParseException e) {
            report(
                    item.node(),
                    "bad time '" + item.text() + "' for '" + key + "' in " + fields.context()
                            + "; expected a time as hh:mm");
            return null;
        }
    }

    /** An ISO-8601 duration such as PT1H, checked against the longest deadline; null after reporting a bad one. */
    private Duration duration(Node node, String what) {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            report(node, "the " + what + " must be a duration such as PT1H, not " + shape(node));
            return null;
        }
        try {
            Duration duration = Duration.parse(scalar.getValue());
            ProtectionMessageRouting.checkDeadline(duration, what);
            return duration;
        } catch (java.time.format.DateTimeParseException e) {
            report(node, "the " + what + " must be a duration such as PT1H or PT24H, not '" + scalar.getValue() + "'");
        } catch (IllegalArgumentException e) {
            report(node, e.getMessage());
        }
        return null;
    }

    private static List<TeamId> teamIds(List<Item> items) {
        return items.stream().map(item -> new TeamId(item.text())).toList();
    }

    private AgencyDraft agency(Node node, int position) {
        Fields fields = entry(node, position, "agency", "id", AGENCY_KEYS);
        if (fields == null) {
            return null;
        }
        Item id = fields.id("id", AgencyId::new);
        return new AgencyDraft(
                id,
                fields.context(),
                fields.text("name", true),
                fields.code("type", AgencyType.values(), "agency type"),
                fields.flag("active", true),
                fields.item("caldicott-guardian", false),
                systems(fields),
                subscription(fields));
    }

    /** Where the agency's system receives notifications; the secret is only ever a reference (env: or file:). */
    private AgencySubscription subscription(Fields agency) {
        Node node = agency.get("subscription");
        if (node == null || !plain(node)) {
            return null;
        }
        Fields fields = fields(
                node,
                "the subscription of " + agency.context(),
                SUBSCRIPTION_KEYS,
                "a mapping with " + quoted(SUBSCRIPTION_KEYS));
        if (fields == null) {
            return null;
        }
        Item endpoint = fields.item("endpoint", true);
        Item secret = fields.item("secret", true);
        if (endpoint == null || secret == null) {
            return null;
        }
        try {
            return new AgencySubscription(AgencySubscription.endpoint(endpoint.text()), secret.text());
        } catch (IllegalArgumentException e) {
            Node wrong = e.getMessage().contains("secret") ? secret.node() : endpoint.node();
            report(wrong, e.getMessage() + " in " + fields.context());
            return null;
        }
    }

    /** The agency's systems registered for client credentials, each key read and checked where it is written. */
    private List<SystemDraft> systems(Fields agency) {
        Node node = agency.get("systems");
        if (node == null || !plain(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            report(node, "'systems' in " + agency.context() + " must be a list of systems, not " + shape(node));
            return List.of();
        }
        List<SystemDraft> systems = new ArrayList<>();
        int position = 0;
        for (Node entry : sequence.getValue()) {
            position++;
            Fields fields = entry(entry, position, "system of " + agency.context(), "client-id", SYSTEM_KEYS);
            if (fields == null) {
                continue;
            }
            Item clientId = fields.id("client-id", text -> Slugs.require(text, "client id"));
            Item pem = fields.item("public-key", true);
            Boolean onBehalf = fields.flag("on-behalf-of-staff", false);
            java.security.PublicKey key = null;
            if (pem != null) {
                try {
                    key = AgencySystem.readPublicKey(pem.text());
                } catch (IllegalArgumentException e) {
                    report(pem.node(), e.getMessage() + " in " + fields.context());
                }
            }
            systems.add(new SystemDraft(clientId, key, onBehalf));
        }
        return systems;
    }

    private TeamDraft team(Node node, int position) {
        Fields fields = entry(node, position, "team", "id", TEAM_KEYS);
        if (fields == null) {
            return null;
        }
        return new TeamDraft(
                fields.id("id", TeamId::new),
                fields.context(),
                fields.text("name", true),
                fields.item("agency", true),
                fields.checked("phone", Team::checkPhone),
                fields.checked("mailbox", Team::checkMailbox));
    }

    private RoleDraft role(Node node, int position) {
        Fields fields = entry(node, position, "role", "id", ROLE_KEYS);
        if (fields == null) {
            return null;
        }
        Item id = fields.id("id", RoleId::new);
        String name = fields.text("name", true);
        Codes<Duty> duties = fields.codes("duties", false, Duty.values(), "duty");
        Codes<Purpose> purposes = fields.codes("purposes", true, Purpose.values(), "purpose");
        Map<Category, Set<Action>> permissions = permissions(fields);
        Boolean sealedAccess = fields.flag("sealed-access", false);
        if (duties.complete()) {
            purposes.values()
                    .forEach((purpose, purposeNode) -> purpose.requiredDuty()
                            .filter(duty -> !duties.values().containsKey(duty))
                            .ifPresent(duty ->
                                    report(purposeNode, Role.purposeWithoutDuty(fields.context(), purpose, duty))));
        }
        return new RoleDraft(
                id,
                fields.context(),
                name,
                duties.values().keySet(),
                purposes.values().keySet(),
                permissions,
                sealedAccess);
    }

    private Map<Category, Set<Action>> permissions(Fields role) {
        Map<Category, Set<Action>> permissions = new EnumMap<>(Category.class);
        Node node = role.get("permissions");
        if (node == null || !plain(node)) {
            return permissions;
        }
        String context = "the permissions of " + role.context();
        if (!(node instanceof MappingNode mapping)) {
            report(
                    node,
                    "'permissions' in " + role.context()
                            + " must be a mapping of categories to lists of actions, such as 'alerts: [read]'");
            return permissions;
        }
        keyed(mapping, context).forEach((key, entry) -> {
            Optional<Category> category = Category.fromCode(key);
            if (category.isEmpty()) {
                report(entry.key(), unknownCode("category", key, context, Category.values()));
                return;
            }
            List<Item> items = list(entry.value(), "'" + key + "' in " + context, false);
            if (items != null) {
                permissions.put(
                        category.get(),
                        decode(items, Action.values(), "action", context)
                                .values()
                                .keySet());
            }
        });
        return permissions;
    }

    private StaffDraft staffAccount(Node node, int position) {
        Fields fields = entry(node, position, "staff account", "username", STAFF_KEYS);
        if (fields == null) {
            return null;
        }
        return new StaffDraft(
                fields.id("username", Username::new),
                fields.context(),
                fields.text("display-name", true),
                fields.item("agency", true),
                fields.items("roles", true),
                fields.items("teams", false),
                fields.flag("active", true));
    }

    private AgreementDraft agreement(Node node, int position) {
        Fields fields = entry(node, position, "sharing agreement", "id", AGREEMENT_KEYS);
        if (fields == null) {
            return null;
        }
        String context = fields.context();
        Item id = fields.id("id", text -> Slugs.require(text, "sharing agreement id"));
        Item from = fields.item("from", true);
        Item to = fields.item("to", true);
        Codes<Category> categories = fields.codes("categories", true, Category.values(), "category");
        Codes<Purpose> purposes = fields.codes("purposes", true, Purpose.values(), "purpose");
        Boolean restricted = fields.flag("restricted-on-implied-consent", false);
        LocalDate start = fields.date("start", true);
        LocalDate end = fields.date("end", false);
        if (from != null && to != null && from.text().equals(to.text())) {
            report(to.node(), SharingAgreement.toItself(context, from.text()));
        }
        if (start != null && end != null && end.isBefore(start)) {
            report(fields.get("end"), SharingAgreement.endsBeforeItStarts(context, start, end));
        }
        if (Boolean.TRUE.equals(restricted)
                && purposes.complete()
                && !purposes.values().containsKey(Purpose.DIRECT_CARE)) {
            report(fields.get("restricted-on-implied-consent"), SharingAgreement.restrictedWithoutDirectCare(context));
        }
        return new AgreementDraft(
                id,
                context,
                from,
                to,
                categories.values().keySet(),
                purposes.values().keySet(),
                restricted,
                start,
                end);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checks across entries

    private void checkReferences(
            StaffDraft account,
            Map<String, AgencyDraft> agencies,
            Map<String, TeamDraft> teams,
            Map<String, RoleDraft> roles) {
        boolean agencyKnown = refer(account.agency(), agencies, "agency", account.context());
        for (Item role : orEmpty(account.roles())) {
            refer(role, roles, "role", account.context());
        }
        for (Item teamId : orEmpty(account.teams())) {
            if (refer(teamId, teams, "team", account.context()) && agencyKnown) {
                Item teamAgency = teams.get(teamId.text()).agency();
                if (teamAgency != null
                        && !teamAgency.text().equals(account.agency().text())) {
                    report(
                            teamId.node(),
                            account.context() + " of agency '"
                                    + account.agency().text() + "' is in team '" + teamId.text()
                                    + "' of another agency, '" + teamAgency.text() + "'");
                }
            }
        }
    }

    private boolean refer(Item reference, Map<String, ?> known, String kind, String context) {
        if (reference == null) {
            return false;
        }
        if (!known.containsKey(reference.text())) {
            report(reference.node(), "unknown " + kind + " '" + reference.text() + "' in " + context);
            return false;
        }
        return true;
    }

    /** The staff accounts the partnership names for its duties must exist, be active and hold a role for the duty. */
    private final class Holders {

        private final Map<String, StaffDraft> staff;
        private final Map<String, RoleDraft> roles;

        Holders(Map<String, StaffDraft> staff, Map<String, RoleDraft> roles) {
            this.staff = staff;
            this.roles = roles;
        }

        void check(Item username, String as, Duty duty) {
            if (username == null) {
                return;
            }
            StaffDraft account = staff.get(username.text());
            if (account == null) {
                report(username.node(), "unknown staff account '" + username.text() + "' as " + as);
                return;
            }
            if (Boolean.FALSE.equals(account.active())) {
                report(username.node(), as + " '" + username.text() + "' is not an active staff account");
            }
            List<RoleDraft> held = orEmpty(account.roles()).stream()
                    .map(role -> roles.get(role.text()))
                    .filter(Objects::nonNull)
                    .toList();
            // An unknown role is reported on the account already; saying the duty is missing too would mislead.
            boolean allKnown = held.size() == orEmpty(account.roles()).size();
            if (allKnown && held.stream().noneMatch(role -> role.duties().contains(duty))) {
                report(
                        username.node(),
                        as + " '" + username.text() + "' holds no role with the '" + duty.code() + "' duty");
            }
        }
    }

    private <T> Map<String, T> index(List<T> drafts, Function<T, Item> id, String kind) {
        Map<String, T> index = new LinkedHashMap<>();
        Map<String, Item> first = new HashMap<>();
        for (T draft : drafts) {
            Item item = id.apply(draft);
            if (item == null) {
                continue;
            }
            Item earlier = first.putIfAbsent(item.text(), item);
            if (earlier == null) {
                index.put(item.text(), draft);
            } else {
                report(
                        item.node(),
                        "duplicate " + kind + " '" + item.text() + "' (first at line " + line(earlier.node()) + ")");
            }
        }
        return index;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Building the model once every check has passed

    private static Partnership build(
            GovernanceDraft governance,
            List<AgencyDraft> agencies,
            List<TeamDraft> teams,
            List<RoleDraft> roles,
            List<StaffDraft> staff,
            List<AgreementDraft> agreements,
            ServiceRequestTargets targets,
            RoutingDraft routing) {
        Map<AgencyId, Username> guardians = new LinkedHashMap<>();
        for (AgencyDraft agency : agencies) {
            if (agency.guardian() != null) {
                guardians.put(
                        new AgencyId(agency.id().text()),
                        new Username(agency.guardian().text()));
            }
        }
        return new Partnership(
                governance.name(),
                agencies.stream()
                        .map(agency -> new Agency(
                                new AgencyId(agency.id().text()),
                                agency.name(),
                                agency.type(),
                                agency.active(),
                                agency.systems().stream()
                                        .map(system -> new AgencySystem(
                                                system.clientId().text(), system.key(), system.onBehalfOfStaff()))
                                        .toList(),
                                agency.subscription()))
                        .toList(),
                teams.stream()
                        .map(team -> new Team(
                                new TeamId(team.id().text()),
                                team.name(),
                                new AgencyId(team.agency().text()),
                                team.phone(),
                                team.mailbox()))
                        .toList(),
                roles.stream()
                        .map(role -> new Role(
                                new RoleId(role.id().text()),
                                role.name(),
                                role.duties(),
                                role.purposes(),
                                role.permissions(),
                                role.sealedAccess()))
                        .toList(),
                staff.stream()
                        .map(account -> new StaffAccount(
                                new Username(account.username().text()),
                                account.displayName(),
                                new AgencyId(account.agency().text()),
                                account.roles().stream()
                                        .map(role -> new RoleId(role.text()))
                                        .toList(),
                                account.teams().stream()
                                        .map(team -> new TeamId(team.text()))
                                        .toList(),
                                account.active()))
                        .toList(),
                agreements.stream()
                        .map(agreement -> new SharingAgreement(
                                agreement.id().text(),
                                new AgencyId(agreement.from().text()),
                                new AgencyId(agreement.to().text()),
                                agreement.categories(),
                                agreement.purposes(),
                                agreement.restrictedOnImpliedConsent(),
                                agreement.start(),
                                agreement.end()))
                        .toList(),
                new Governance(
                        new Username(governance.dutyOfficer().text()),
                        new Username(governance.caldicottGuardian().text()),
                        new Username(governance.dataProtectionOfficer().text()),
                        guardians,
                        Boolean.TRUE.equals(governance.portalShowsStaffAccounts())),
                targets,
                routing.routing());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading nodes

    private <T> List<T> entries(Fields file, String key, boolean required, EntryReader<T> reader) {
        Node node = file.get(key);
        if (node == null) {
            if (required) {
                report(file.owner(), "missing '" + key + "' in the file");
            }
            return List.of();
        }
        List<T> drafts = new ArrayList<>();
        if (!plain(node)) {
            return drafts;
        }
        if (!(node instanceof SequenceNode sequence)) {
            report(
                    node,
                    "'" + key + "' must be a list of entries, each starting with '- '"
                            + (isNull(node) ? "; write [] for none" : ""));
            return drafts;
        }
        int position = 0;
        for (Node item : sequence.getValue()) {
            T draft = reader.read(item, ++position);
            if (draft != null) {
                drafts.add(draft);
            }
        }
        return drafts;
    }

    @FunctionalInterface
    private interface EntryReader<T> {
        T read(Node node, int position);
    }

    /** An entry of a section, its keys checked, named by its id for messages (or by its position without one). */
    private Fields entry(Node node, int position, String kind, String idKey, List<String> keys) {
        String context = kind + " #" + position;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key
                        && key.getValue().equals(idKey)
                        && tuple.getValueNode() instanceof ScalarNode id
                        && !isNull(id)
                        && !id.getValue().isBlank()) {
                    context = kind + " '" + id.getValue() + "'";
                    break;
                }
            }
        }
        return fields(node, context, keys, "a mapping of " + quoted(keys));
    }

    private Fields fields(Node node, String context, List<String> allowed, String expected) {
        if (!plain(node)) {
            return null;
        }
        if (!(node instanceof MappingNode mapping)) {
            report(node, context + " must be " + expected);
            return null;
        }
        Map<String, Node> values = new LinkedHashMap<>();
        keyed(mapping, context).forEach((key, entry) -> {
            if (allowed.contains(key)) {
                values.put(key, entry.value());
            } else if (entry.key().getTag().equals(Tag.MERGE)) {
                report(entry.key(), "merge keys ('<<') are not supported in " + context + "; write the keys out");
            } else {
                report(entry.key(), "unknown key '" + key + "' in " + context + "; expected " + quoted(allowed));
            }
        });
        return new Fields(mapping, context, values);
    }

    private record Entry(Node key, Node value) {}

    /** The mapping's entries by key text, reporting keys that are not text or appear twice. */
    private Map<String, Entry> keyed(MappingNode mapping, String context) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || isNull(keyNode)) {
                report(keyNode, "keys in " + context + " must be plain words");
                continue;
            }
            if (!keyNode.getTag().equals(Tag.MERGE) && !plain(keyNode)) {
                continue;
            }
            Entry earlier = entries.putIfAbsent(key.getValue(), new Entry(keyNode, tuple.getValueNode()));
            if (earlier != null) {
                report(
                        keyNode,
                        "duplicate key '" + key.getValue() + "' in " + context + " (first at line "
                                + line(earlier.key()) + ")");
            }
        }
        return entries;
    }

    private final class Fields {

        private final MappingNode owner;
        private final String context;
        private final Map<String, Node> values;

        Fields(MappingNode owner, String context, Map<String, Node> values) {
            this.owner = owner;
            this.context = context;
            this.values = values;
        }

        MappingNode owner() {
            return owner;
        }

        String context() {
            return context;
        }

        Node get(String key) {
            return values.get(key);
        }

        /** The scalar under the key, or null after reporting why there is none. */
        Item item(String key, boolean required) {
            Node node = values.get(key);
            if (node == null) {
                if (required) {
                    report(owner, "missing '" + key + "' in " + context);
                }
                return null;
            }
            if (!plain(node)) {
                return null;
            }
            if (isNull(node)
                    || (node instanceof ScalarNode scalar && scalar.getValue().isBlank())) {
                report(node, "'" + key + "' in " + context + " has no value");
                return null;
            }
            if (!(node instanceof ScalarNode scalar)) {
                report(node, "'" + key + "' in " + context + " must be a single value, not " + shape(node));
                return null;
            }
            return new Item(scalar.getValue(), node);
        }

        String text(String key, boolean required) {
            Item item = item(key, required);
            return item == null ? null : item.text();
        }

        /** An optional text of this entry, checked by a rule; a refusal is reported at its place and it counts as absent. */
        String checked(String key, Consumer<String> check) {
            Item item = item(key, false);
            if (item == null) {
                return null;
            }
            try {
                check.accept(item.text());
                return item.text();
            } catch (IllegalArgumentException e) {
                report(item.node(), e.getMessage());
                return null;
            }
        }

        /** An identifier of this entry, checked for its spelling by the typed id's own rule. */
        Item id(String key, Function<String, ?> check) {
            Item item = item(key, true);
            if (item != null) {
                try {
                    check.apply(item.text());
                } catch (IllegalArgumentException e) {
                    report(item.node(), e.getMessage());
                }
            }
            return item;
        }

        <E extends Enum<E> & Coded> E code(String key, E[] vocabulary, String kind) {
            Item item = item(key, true);
            if (item == null) {
                return null;
            }
            E value = Coded.find(vocabulary, item.text()).orElse(null);
            if (value == null) {
                report(item.node(), unknownCode(kind, item.text(), context, vocabulary));
            }
            return value;
        }

        Boolean flag(String key, boolean absent) {
            Node node = values.get(key);
            if (node == null) {
                return absent;
            }
            if (!plain(node)) {
                return null;
            }
            // Only true and false: YAML 1.1 also reads yes, no, on and off as booleans, which surprises people.
            if (node instanceof ScalarNode scalar
                    && node.getTag().equals(Tag.BOOL)
                    && (scalar.getValue().equals("true") || scalar.getValue().equals("false"))) {
                return Boolean.valueOf(scalar.getValue());
            }
            report(node, "'" + key + "' in " + context + " must be true or false, not " + shape(node));
            return null;
        }

        LocalDate date(String key, boolean required) {
            Item item = item(key, required);
            if (item == null) {
                return null;
            }
            try {
                return LocalDate.parse(item.text());
            } catch (DateTimeParseException e) {
                report(
                        item.node(),
                        "bad date '" + item.text() + "' for '" + key + "' in " + context
                                + "; expected a date as yyyy-mm-dd");
                return null;
            }
        }

        List<Item> items(String key, boolean required) {
            Node node = values.get(key);
            if (node == null) {
                if (required) {
                    report(owner, "missing '" + key + "' in " + context);
                    return null;
                }
                return List.of();
            }
            return list(node, "'" + key + "' in " + context, required);
        }

        <E extends Enum<E> & Coded> Codes<E> codes(String key, boolean required, E[] vocabulary, String kind) {
            List<Item> items = items(key, required);
            return items == null ? new Codes<>(Map.of(), false) : decode(items, vocabulary, kind, context);
        }
    }

    /** The list's text items; null after reporting a list that is not one, or an empty one where one is needed. */
    private List<Item> list(Node node, String what, boolean nonEmpty) {
        if (!plain(node)) {
            return null;
        }
        if (!(node instanceof SequenceNode sequence)) {
            report(node, what + " must be a list, such as [a, b], not " + shape(node));
            return null;
        }
        if (nonEmpty && sequence.getValue().isEmpty()) {
            report(node, what + " is empty; it needs at least one value");
            return null;
        }
        List<Item> items = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (Node value : sequence.getValue()) {
            if (!plain(value)) {
                continue;
            }
            if (!(value instanceof ScalarNode scalar)
                    || isNull(value)
                    || scalar.getValue().isBlank()) {
                report(value, "each value of " + what + " must be a single word, not " + shape(value));
                continue;
            }
            Node earlier = seen.putIfAbsent(scalar.getValue(), value);
            if (earlier != null) {
                report(value, "'" + scalar.getValue() + "' appears twice in " + what);
                continue;
            }
            items.add(new Item(scalar.getValue(), value));
        }
        return items;
    }

    private record Codes<E>(Map<E, Node> values, boolean complete) {}

    private <E extends Enum<E> & Coded> Codes<E> decode(List<Item> items, E[] vocabulary, String kind, String context) {
        Map<E, Node> values = new LinkedHashMap<>();
        boolean complete = true;
        for (Item item : items) {
            Optional<E> value = Coded.find(vocabulary, item.text());
            if (value.isPresent()) {
                values.put(value.get(), item.node());
            } else {
                report(item.node(), unknownCode(kind, item.text(), context, vocabulary));
                complete = false;
            }
        }
        return new Codes<>(values, complete);
    }

    private static <E extends Enum<E> & Coded> String unknownCode(
            String kind, String text, String context, E[] vocabulary) {
        return "unknown " + kind + " '" + text + "' in " + context + "; expected "
                + quoted(Arrays.stream(vocabulary).map(Coded::code).toList());
    }

    /** Whether the node carries no explicit tag beyond plain YAML; reports the tag when it does. */
    private boolean plain(Node node) {
        if (PLAIN_TAGS.contains(node.getTag())) {
            return true;
        }
        report(node, "the tag '" + node.getTag().getValue() + "' is not allowed in a partnership file");
        return false;
    }

    private static boolean isNull(Node node) {
        return node.getTag().equals(Tag.NULL);
    }

    private static String shape(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return isNull(node) ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
    }

    private static String quoted(List<String> words) {
        return words.stream().map(word -> "'" + word + "'").collect(Collectors.joining(", "));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private void report(Node node, String message) {
        report(node.getStartMark(), message);
    }

    private void report(Mark mark, String message) {
        if (mark == null) {
            report(1, 1, message);
        } else {
            report(mark.getLine() + 1, mark.getColumn() + 1, message);
        }
    }

    private void report(int line, int column, String message) {
        problems.add(new Problem(source, line, column, message));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Drafts: what each entry said, with the nodes of its references, before the entries are checked together.
    // A field is null where the file did not give a usable value; that has been reported already.

    private record Item(String text, Node node) {}

    /** The routing read, with the nodes of its team and role references for the checks across entries. */
    private record RoutingDraft(
            ProtectionMessageRouting routing,
            List<Item> outOfHours,
            List<Item> child,
            List<Item> adult,
            List<Item> managerRoles) {

        List<Item> teams() {
            List<Item> all = new ArrayList<>(outOfHours);
            all.addAll(child);
            all.addAll(adult);
            return all;
        }
    }

    private record GovernanceDraft(
            String name,
            Item dutyOfficer,
            Item caldicottGuardian,
            Item dataProtectionOfficer,
            Boolean portalShowsStaffAccounts) {}

    private record AgencyDraft(
            Item id,
            String context,
            String name,
            AgencyType type,
            Boolean active,
            Item guardian,
            List<SystemDraft> systems,
            AgencySubscription subscription) {}

    private record SystemDraft(Item clientId, java.security.PublicKey key, Boolean onBehalfOfStaff) {}

    private record TeamDraft(Item id, String context, String name, Item agency, String phone, String mailbox) {}

    private record RoleDraft(
            Item id,
            String context,
            String name,
            Set<Duty> duties,
            Set<Purpose> purposes,
            Map<Category, Set<Action>> permissions,
            Boolean sealedAccess) {}

    private record StaffDraft(
            Item username,
            String context,
            String displayName,
            Item agency,
            List<Item> roles,
            List<Item> teams,
            Boolean active) {}

    private record AgreementDraft(
            Item id,
            String context,
            Item from,
            Item to,
            Set<Category> categories,
            Set<Purpose> purposes,
            Boolean restrictedOnImpliedConsent,
            LocalDate start,
            LocalDate end) {}
}
