package org.ecarehub.access.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.BreakGlassGrant;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.DecisionFlag;
import org.ecarehub.access.HistoryEntry;
import org.ecarehub.access.HistoryPage;
import org.ecarehub.access.PortalHistory;
import org.ecarehub.access.PortalRules;
import org.ecarehub.access.PortalVisibility;
import org.ecarehub.access.RepresentativeRules;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.access.Withheld;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.ProvableEvent;
import org.ecarehub.transparency.ProvableEvents;
import org.ecarehub.transparency.SignedTreeHead;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides and logs each reading of a person's history by a portal account, then shows each event of the page as the
 * same decision point decides it for that account (unlogged: the reading is the access), with its proof.
 */
@Service
class PortalHistories implements PortalHistory, PortalVisibility {

    static final String ITEM = "access-history";

    /** The owner an item of the hub's own history is given; the portal rules never ask who owns an item. */
    private static final AgencyId HUB = AgencyId.of("ecare-hub");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<EventType> SHOWN_TYPES = Set.of(EventType.ACCESS, EventType.BREAK_GLASS);

    private final DecisionPoint decisions;
    private final FactSource facts;
    private final PersonIndex index;
    private final ProvableEvents events;
    private final TransparencyLog log;
    private final BreakGlassGrants grants;

    PortalHistories(
            DecisionPoint decisions,
            FactSource facts,
            PersonIndex index,
            ProvableEvents events,
            TransparencyLog log,
            BreakGlassGrants grants) {
        this.decisions = decisions;
        this.facts = facts;
        this.index = index;
        this.events = events;
        this.log = log;
        this.grants = grants;
    }

    @Override
    public Optional<HistoryPage> page(Requester.Portal viewer, PersonId person, long before, int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new HistoryRequestRejected("a page holds between 1 and " + MAX_PAGE_SIZE + " entries");
        }
        if (before < 1) {
            throw new HistoryRequestRejected("the cursor is a positive event number");
        }
        return allowed(viewer, person, Action.READ).map(reading -> {
            Optional<SignedTreeHead> head = log.latestTreeHead();
            return read(viewer, reading, before, size, head.orElse(null));
        });
    }

    @Override
    public Optional<HistoryPage> export(Requester.Portal viewer, PersonId person) {
        return allowed(viewer, person, Action.EXPORT).map(reading -> {
            SignedTreeHead head = log.latestTreeHead().orElse(null);
            List<HistoryEntry> all = new ArrayList<>();
            long before = Long.MAX_VALUE;
            while (true) {
                HistoryPage page = read(viewer, reading, before, ProvableEvents.MAX_EVENTS, head);
                all.addAll(page.entries());
                if (page.next() == null) {
                    return new HistoryPage(all, null, head, log.publicKey());
                }
                before = page.next();
            }
        });
    }

    @Override
    public boolean showsEvent(Requester.Portal viewer, PersonId person, long eventId) {
        Optional<PersonId> now = index.personNow(person);
        if (now.isEmpty() || eventId < 1) {
            return false;
        }
        Set<Category> categories = new LinkedHashSet<>();
        List<AccessItem> items = Arrays.stream(Category.values())
                .map(category -> new AccessItem(ITEM, category, Sensitivity.NORMAL, HUB))
                .toList();
        List<AccessDecision> decided = decisions.evaluate(
                decisions.snapshot().partnership(), viewer, Action.READ, now.get(), items, decisions.now());
        for (int i = 0; i < items.size(); i++) {
            if (decided.get(i).allowed()) {
                categories.add(items.get(i).category());
            }
        }
        if (categories.isEmpty()) {
            return false;
        }
        List<ProvableEvent> found = events.about(index.personIdsInHistory(now.get()), eventId + 1, 1);
        if (found.isEmpty() || found.get(0).id() != eventId) {
            return false;
        }
        return visibility(viewer, new Reading(now.get(), categories), List.of(Parsed.of(found.get(0))))
                .shown()
                .contains(eventId);
    }

    @Override
    public boolean showsItem(Requester.Portal viewer, PersonId person, AccessItem item) {
        Optional<PersonId> now = index.personNow(person);
        return now.isPresent()
                && decisions
                        .evaluate(
                                decisions.snapshot().partnership(),
                                viewer,
                                Action.READ,
                                now.get(),
                                List.of(item),
                                decisions.now())
                        .get(0)
                        .allowed();
    }

    /** Who reads whose history, and which categories of it the decision allowed. */
    private record Reading(PersonId person, Set<Category> categories) {}

    private Optional<Reading> allowed(Requester.Portal viewer, PersonId person, Action action) {
        Optional<PersonId> now = index.personNow(person);
        if (now.isEmpty()) {
            decisions.logWithoutPerson(
                    viewer,
                    action,
                    Category.CONTACTS,
                    new AccessDecision(
                            false,
                            List.of(RepresentativeRules.HOLDS_AUTHORITY),
                            null,
                            Set.of(),
                            null,
                            "no history that this account may see",
                            null));
            return Optional.empty();
        }
        // One item for each category, so that the log records which categories of the history were read (P4).
        List<AccessItem> items = Arrays.stream(Category.values())
                .map(category -> new AccessItem(ITEM, category, Sensitivity.NORMAL, HUB))
                .toList();
        PartnershipSnapshot snapshot = decisions.snapshot();
        Instant at = decisions.now();
        List<AccessDecision> decided = decisions.evaluate(snapshot.partnership(), viewer, action, now.get(), items, at);
        Set<Category> categories = new LinkedHashSet<>();
        List<AccessItem> read = new ArrayList<>();
        List<AccessDecision> readDecisions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (decided.get(i).allowed()) {
                categories.add(items.get(i).category());
                read.add(items.get(i));
                readDecisions.add(decided.get(i));
            }
        }
        if (read.isEmpty()) {
            // One entry for the refused request, naming the first rule that refused it.
            read.add(items.get(0));
            readDecisions.add(decided.get(0));
        }
        // One request, one entry: the part of the history the viewer may read, or the refusal (POLICY.md, What is
        // logged). The categories their authority does not cover were never asked for on their own.
        decisions.record(snapshot, viewer, action, now.get(), read, readDecisions, at);
        return categories.isEmpty() ? Optional.empty() : Optional.of(new Reading(now.get(), categories));
    }

    private HistoryPage read(Requester.Portal viewer, Reading reading, long before, int size, SignedTreeHead head) {
        List<ProvableEvent> page = events.about(index.personIdsInHistory(reading.person()), before, size);
        List<Parsed> parsed = page.stream().map(Parsed::of).toList();
        Visibility visibility = visibility(viewer, reading, parsed);
        Map<Long, List<byte[]>> proofs = Map.of();
        if (head != null) {
            List<Long> leaves = new ArrayList<>();
            for (Parsed event : parsed) {
                if (event.stored().leaf() != null
                        && visibility.shown().contains(event.stored().id())) {
                    leaves.add(event.stored().leaf().index());
                }
            }
            proofs = events.inclusionProofs(leaves, head.treeSize());
        }
        List<BreakGlassGrant> opened = parsed.stream()
                        .anyMatch(event ->
                                visibility.shown().contains(event.stored().id()))
                ? grants.grantsFor(reading.person())
                : List.of();
        List<HistoryEntry> entries = new ArrayList<>(parsed.size());
        for (Parsed event : parsed) {
            ProvableEvent stored = event.stored();
            HistoryEntry.Link link = stored.leaf() == null
                    ? null
                    : new HistoryEntry.Link(
                            stored.person(),
                            stored.leaf().sequence(),
                            stored.leaf().index(),
                            stored.leaf().previousLeaf());
            if (visibility.shown().contains(stored.id())) {
                entries.add(new HistoryEntry(
                        HistoryEntry.Kind.SHOWN,
                        link,
                        access(event, opened),
                        new HistoryEntry.Proof(
                                stored.event(),
                                stored.salt(),
                                stored.timestampMillis(),
                                stored.type().code(),
                                stored.leaf() == null ? null : stored.leaf().leafInput(),
                                stored.leaf() == null
                                        ? null
                                        : proofs.get(stored.leaf().index())),
                        null));
            } else if (visibility.notices().containsKey(stored.id())) {
                Withheld withheld = visibility.notices().get(stored.id());
                entries.add(new HistoryEntry(
                        HistoryEntry.Kind.WITHHELD,
                        link,
                        null,
                        null,
                        new HistoryEntry.Notice(withheld.exemption(), withheld.reviewBy())));
            } else {
                entries.add(new HistoryEntry(HistoryEntry.Kind.NOT_SHOWN, link, null, null, null));
            }
        }
        Long next = page.size() < size ? null : page.get(page.size() - 1).id();
        return new HistoryPage(entries, next, head, log.publicKey());
    }

    /** The events of a page the viewer may see, and those withheld with a notice the viewer may be given. */
    private record Visibility(Set<Long> shown, Map<Long, Withheld> notices) {}

    /**
     * Asks the decision point about every access and break-glass event of the page: one item for each category it
     * names and one for each record item it names, all under the event's id, so that a withholding of the event or of
     * any item it touched hides it, and a representative sees it only when their authority covers all it names.
     */
    private Visibility visibility(Requester.Portal viewer, Reading reading, List<Parsed> page) {
        Category anyAllowed = reading.categories().iterator().next();
        List<AccessItem> items = new ArrayList<>();
        List<Long> owners = new ArrayList<>();
        for (Parsed event : page) {
            if (!SHOWN_TYPES.contains(event.stored().type())) {
                continue;
            }
            String id = "access-event-" + event.stored().id();
            List<Category> categories = event.categories();
            if (categories == null) {
                // A category the log does not know: nothing to decide it by, so it is not shown.
                continue;
            }
            for (Category category : categories.isEmpty() ? List.of(anyAllowed) : categories) {
                items.add(new AccessItem(id, category, Sensitivity.NORMAL, HUB));
                owners.add(event.stored().id());
            }
            Category first = categories.isEmpty() ? anyAllowed : categories.get(0);
            for (String item : event.items()) {
                items.add(new AccessItem(item, first, Sensitivity.NORMAL, HUB));
                owners.add(event.stored().id());
            }
        }
        if (items.isEmpty()) {
            return new Visibility(Set.of(), Map.of());
        }
        PartnershipSnapshot snapshot = decisions.snapshot();
        Instant now = decisions.now();
        List<AccessDecision> decided =
                decisions.evaluate(snapshot.partnership(), viewer, Action.READ, reading.person(), items, now);
        Map<String, Withheld> inForce = Map.of();
        if (decided.stream().anyMatch(PortalHistories::withheld)) {
            LocalDate today = LocalDate.ofInstant(now, DecisionPoint.PARTNERSHIP_ZONE);
            inForce =
                    facts.portalFacts(viewer.boundTo(), reading.person(), today).withheld();
        }
        Map<Long, Boolean> visible = new HashMap<>();
        Map<Long, Withheld> notices = new HashMap<>();
        Set<Long> silenced = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            long event = owners.get(i);
            AccessDecision decision = decided.get(i);
            String id = items.get(i).id();
            boolean ofTheEvent = id.equals("access-event-" + event);
            Withheld withheld = withheld(decision) ? inForce.get(id) : null;
            boolean fine = decision.allowed();
            if (withheld != null && withheld.notice() && !ofTheEvent) {
                // The record already tells the viewer that this item is withheld and under which exemption; the
                // access names only its id, so the access is shown. An item that neither confirms nor denies is not.
                fine = true;
            }
            if (withheld != null && ofTheEvent && withheld.notice()) {
                notices.put(event, withheld);
            }
            if (withheld != null && !withheld.notice()) {
                silenced.add(event);
            }
            visible.merge(event, fine, Boolean::logicalAnd);
        }
        Set<Long> shown = new LinkedHashSet<>();
        visible.forEach((event, fine) -> {
            if (fine) {
                shown.add(event);
            }
        });
        // A notice only where everything that hides the event allows one (W2); otherwise it is told apart from no
        // other event the viewer may not see.
        notices.keySet()
                .removeIf(event ->
                        shown.contains(event) || silenced.contains(event) || !onlyWithheld(event, owners, decided));
        return new Visibility(shown, notices);
    }

    private static boolean withheld(AccessDecision decision) {
        return !decision.allowed() && decision.decidingRules().equals(List.of(PortalRules.NOT_WITHHELD));
    }

    /** Every refusal of the event's items is a withholding: its categories are within the viewer's authority. */
    private static boolean onlyWithheld(long event, List<Long> owners, List<AccessDecision> decided) {
        for (int i = 0; i < owners.size(); i++) {
            if (owners.get(i) == event && !decided.get(i).allowed() && !withheld(decided.get(i))) {
                return false;
            }
        }
        return true;
    }

    private HistoryEntry.Access access(Parsed event, List<BreakGlassGrant> opened) {
        JsonNode json = event.json();
        JsonNode who = json.path("who");
        JsonNode what = json.path("what");
        JsonNode why = json.path("why");
        String account = text(who, "account");
        Instant time = Instant.ofEpochMilli(event.stored().timestampMillis());
        boolean allowed = !"deny".equals(text(why, "decision"));
        String basis;
        BreakGlassGrant grant = null;
        if (event.stored().type() == EventType.BREAK_GLASS) {
            basis = "break-glass";
            grant = opened.stream()
                    .filter(candidate -> event.items().contains(candidate.id().reference()))
                    .findFirst()
                    .orElse(null);
        } else if (!allowed) {
            basis = "refused";
        } else if (texts(why.path("flags")).contains(DecisionFlag.BREAK_GLASS.code())) {
            basis = "break-glass";
            grant = opened.stream()
                    .filter(candidate -> candidate.user().value().equals(account) && candidate.activeAt(time))
                    .findFirst()
                    .orElse(null);
        } else {
            basis = text(why, "lawfulBasis");
        }
        return new HistoryEntry.Access(
                event.stored().id(),
                time,
                event.stored().type().jsonName(),
                text(who, "kind"),
                text(who, "agency"),
                texts(who.path("roles")),
                // The partnership decides whether people are told the account that looked (decision 0036).
                decisions.snapshot().partnership().governance().portalShowsStaffAccounts()
                                && "staff".equals(text(who, "kind"))
                        ? account
                        : null,
                text(what, "action"),
                texts(what.path("categories")),
                text(why, "purpose"),
                basis,
                grant == null ? null : grant.reason(),
                text(what, "recipient"),
                allowed);
    }

    /** An event and what its JSON says, read once. */
    private record Parsed(ProvableEvent stored, JsonNode json, List<Category> categories, List<String> items) {

        static Parsed of(ProvableEvent stored) {
            JsonNode json = JSON.readTree(stored.event());
            List<Category> categories = new ArrayList<>();
            for (String code : texts(json.path("what").path("categories"))) {
                Optional<Category> category = Category.fromCode(code);
                if (category.isEmpty()) {
                    categories = null;
                    break;
                }
                categories.add(category.get());
            }
            return new Parsed(stored, json, categories, texts(json.path("what").path("items")));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
