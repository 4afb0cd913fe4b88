package org.ecarehub.record.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.Disclosure;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PortalRules;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.Assessments;
import org.ecarehub.record.FlaggedRecordRead;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemVersion;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.PersonRecord;
import org.ecarehub.record.PersonUnseen;
import org.ecarehub.record.RecordContent;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordItemChanged;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.RecordRefused;
import org.ecarehub.record.Records;
import org.ecarehub.record.StaleEdit;
import org.ecarehub.record.Summary;
import org.ecarehub.record.WithheldNotice;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shared record over {@link RecordStore}: each read and write is decided by {@link AccessDecisions}, which logs
 * the decision before this returns anything or stores anything. A write's decision, about the item's id, is the
 * transparency log's entry for the change; it is taken inside the write's transaction, so when the log cannot record
 * it the write stores nothing.
 */
@Service
class SharedRecord implements Records, Assessments {

    private final RecordStore store;
    private final AccessDecisions decisions;
    private final PersonDirectory directory;
    private final Partnerships partnerships;
    private final PersonIndex index;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SharedRecord(
            RecordStore store,
            AccessDecisions decisions,
            PersonDirectory directory,
            Partnerships partnerships,
            PersonIndex index,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.decisions = decisions;
        this.directory = directory;
        this.partnerships = partnerships;
        this.index = index;
        this.events = events;
        this.clock = clock;
    }

    // Reads ----------------------------------------------------------------------------------------------------------

    @Override
    public PersonRecord read(Requester requester, PersonId person) {
        return new PersonRecord(person, tellOfFlags(requester, visible(requester, person, item -> true)));
    }

    @Override
    public PersonRecord read(Requester requester, PersonId person, Set<RecordKind> kinds) {
        Set<RecordKind> asked = Set.copyOf(kinds);
        return new PersonRecord(
                person, tellOfFlags(requester, visible(requester, person, item -> asked.contains(item.kind()))));
    }

    @Override
    public Summary summary(Requester requester, PersonId person) {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(person, "person");
        AgencyId agency = agencyOf(requester);
        List<StoredItem> asked = store.itemsOf(index.idsNow(person)).stream()
                .filter(item -> !item.hiddenFrom(agency))
                .toList();
        Disclosure disclosure = directory.readWith(
                requester, person, asked.stream().map(StoredItem::accessItem).toList());
        return new Summary(
                disclosure.shown(),
                new PersonRecord(
                        person,
                        tellOfFlags(requester, shown(asked, disclosure.decisions())),
                        notices(asked, disclosure.decisions())));
    }

    @Override
    public Summary export(Requester requester, PersonId person, Set<RecordKind> kinds) {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(person, "person");
        Set<RecordKind> asked = Set.copyOf(kinds);
        AgencyId agency = agencyOf(requester);
        List<StoredItem> exported = store.itemsOf(index.idsNow(person)).stream()
                .filter(item -> !item.hiddenFrom(agency))
                .filter(item -> asked.contains(item.item().kind()))
                .toList();
        Disclosure disclosure = directory.exportWith(
                requester, person, exported.stream().map(StoredItem::accessItem).toList());
        return new Summary(disclosure.shown(), new PersonRecord(person, shown(exported, disclosure.decisions())));
    }

    @Override
    public Optional<ItemView> item(Requester requester, RecordItemId id) {
        Objects.requireNonNull(id, "id");
        AgencyId agency = agencyOf(requester);
        Optional<StoredItem> stored = store.item(id).filter(item -> !item.hiddenFrom(agency));
        if (stored.isEmpty()) {
            nothingToDecide(requester);
            return Optional.empty();
        }
        AccessDecision decision = decide(requester, Action.READ, stored.get());
        if (!decision.allowed()) {
            return Optional.empty();
        }
        ItemView view = new ItemView(stored.get().item(), decision);
        tellOfFlags(requester, List.of(view));
        return Optional.of(view);
    }

    @Override
    public List<ItemVersion> history(Requester requester, RecordItemId id) {
        Optional<ItemView> seen = item(requester, id);
        if (seen.isEmpty()) {
            return List.of();
        }
        List<ItemVersion> versions = store.versions(id);
        RecordItem item = seen.get().item();
        // Drafts are the assessor's agency's working papers (decision 0019): other agencies see the signed versions.
        if (item.kind() == RecordKind.ASSESSMENT && !item.owner().equals(agencyOf(requester))) {
            return versions.stream()
                    .filter(version -> version.status() != ItemStatus.DRAFT)
                    .toList();
        }
        return versions;
    }

    @Override
    public List<ItemView> of(Requester requester, PersonId person) {
        return visible(requester, person, item -> item.kind() == RecordKind.ASSESSMENT);
    }

    @Override
    public Optional<ItemView> current(Requester requester, PersonId person) {
        List<ItemView> signed = visible(
                requester, person, item -> item.kind() == RecordKind.ASSESSMENT && item.status() == ItemStatus.SIGNED);
        return signed.isEmpty() ? Optional.empty() : Optional.of(signed.get(signed.size() - 1));
    }

    /**
     * The person's items that the filter asks for and the requester may see, in one query and one decision; only the
     * items asked for are decided, so the log names what the requester asked to see and nothing more.
     */
    private List<ItemView> visible(Requester requester, PersonId person, Predicate<RecordItem> wanted) {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(person, "person");
        AgencyId agency = agencyOf(requester);
        List<StoredItem> asked = store.itemsOf(index.idsNow(person)).stream()
                .filter(item -> !item.hiddenFrom(agency))
                .filter(item -> wanted.test(item.item()))
                .toList();
        if (asked.isEmpty()) {
            nothingToDecide(requester);
            return List.of();
        }
        List<AccessDecision> decided = decisions.decide(
                requester,
                Action.READ,
                person,
                asked.stream().map(StoredItem::accessItem).toList());
        return shown(asked, decided);
    }

    /** W2: what a portal account may be told is withheld from it, by the decision that withheld each item. */
    private static List<WithheldNotice> notices(List<StoredItem> asked, List<AccessDecision> decided) {
        List<WithheldNotice> notices = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            AgencyId owner = asked.get(i).item().owner();
            PortalRules.notice(decided.get(i))
                    .ifPresent(withheld ->
                            notices.add(new WithheldNotice(owner, withheld.exemption(), withheld.reviewBy())));
        }
        return notices;
    }

    private static List<ItemView> shown(List<StoredItem> asked, List<AccessDecision> decided) {
        List<ItemView> shown = new ArrayList<>(asked.size());
        for (int i = 0; i < asked.size(); i++) {
            if (decided.get(i).allowed()) {
                shown.add(new ItemView(asked.get(i).item(), decided.get(i)));
            }
        }
        return shown;
    }

    /**
     * CP-IS: a read under the emergency purpose that shows an active child protection flag is an unscheduled-care
     * attendance of the child. It is published before the read returns, so the protection module can record it and
     * tell the lead social worker's team; if that cannot be recorded, the read fails as when the log cannot record it.
     */
    private List<ItemView> tellOfFlags(Requester requester, List<ItemView> shown) {
        Purpose purpose = purposeOf(requester);
        if (purpose != Purpose.EMERGENCY) {
            return shown;
        }
        for (ItemView view : shown) {
            RecordItem item = view.item();
            if (item.status() == ItemStatus.ACTIVE
                    && item.content() instanceof Alert alert
                    && alert.type() == AlertType.CHILD_PROTECTION) {
                Username reader = readerOf(requester);
                AgencyId agency = agencyOf(requester);
                if (reader != null && agency != null) {
                    events.publishEvent(new FlaggedRecordRead(
                            item.person(),
                            item.id(),
                            item.owner(),
                            alert.contact().team(),
                            reader,
                            agency,
                            purpose,
                            now()));
                }
            }
        }
        return shown;
    }

    private static Purpose purposeOf(Requester requester) {
        if (requester instanceof Requester.Staff staff) {
            return staff.purpose();
        }
        if (requester instanceof Requester.AgencySystem system) {
            return system.purpose();
        }
        return null;
    }

    private static Username readerOf(Requester requester) {
        if (requester instanceof Requester.Staff staff) {
            return staff.user();
        }
        if (requester instanceof Requester.AgencySystem system) {
            return system.onBehalfOf();
        }
        return null;
    }

    /**
     * A read that found nothing to decide still leaves an entry, without a person, as a search that found nobody does:
     * the log says someone asked, without saying whether the person or item exists.
     */
    private void nothingToDecide(Requester requester) {
        AccessDecision attempt = decisions.mayAttempt(requester, Action.READ, Category.DEMOGRAPHICS);
        decisions.logWithoutPerson(requester, Action.READ, Category.DEMOGRAPHICS, attempt);
    }

    // Writes ---------------------------------------------------------------------------------------------------------

    @Override
    @Transactional
    public RecordItem add(Requester requester, PersonId person, ItemDraft draft) {
        Objects.requireNonNull(requester, "requester");
        if (draft == null) {
            throw new RecordRefused("the item is required");
        }
        if (person == null) {
            throw new RecordRefused("the person is required");
        }
        Writer writer = writer(requester);
        ContentReferences.check(partnerships.current().partnership(), draft.content());
        // A person merged into another has their record kept under the person they are now part of.
        Optional<PersonId> found = index.personNow(person);
        if (found.isEmpty()) {
            throw unknownPerson(requester, draft);
        }
        PersonId now = found.get();
        RecordItemId id = store.nextId();
        ItemStatus status = draft.kind() == RecordKind.ASSESSMENT ? ItemStatus.DRAFT : ItemStatus.ACTIVE;
        Instant at = now();
        RecordItem item = new RecordItem(
                id,
                now,
                draft.kind(),
                draft.category(),
                draft.sensitivity(),
                writer.agency(),
                status,
                null,
                new ItemVersion(1, status, draft.content(), null, writer.author(), writer.agency(), at),
                at);
        StoredItem stored = new StoredItem(item, writer.author());
        requireAllowed(decide(requester, Action.CREATE, stored));
        store.insert(item, writer.author());
        events.publishEvent(changed(item, RecordItemChanged.Change.ADDED));
        return item;
    }

    /**
     * A write about a person the index does not know: refused by the rules about the writer first, as the decision
     * would refuse it for any person, else with {@link PersonUnseen}; logged, without a person, as a search that found
     * nobody is.
     */
    private RuntimeException unknownPerson(Requester requester, ItemDraft draft) {
        Category category = draft.category();
        AccessDecision attempt = decisions.mayAttempt(requester, Action.CREATE, category);
        decisions.logWithoutPerson(requester, Action.CREATE, category, attempt);
        return attempt.allowed() ? new PersonUnseen() : new AccessRefused(attempt);
    }

    @Override
    @Transactional
    public RecordItem correct(
            Requester requester, RecordItemId id, int expectedVersion, RecordContent content, String reason) {
        Writer writer = writer(requester);
        StoredItem stored = lockVisible(id, writer);
        RecordItem item = stored.item();
        ItemRules.requireCorrectable(item, content, reason);
        ItemRules.requireLatest(item, expectedVersion);
        ContentReferences.check(partnerships.current().partnership(), content);
        return write(requester, stored, writer, item.status(), content, reason, RecordItemChanged.Change.CORRECTED);
    }

    @Override
    @Transactional
    public RecordItem end(Requester requester, RecordItemId id, int expectedVersion, String reason) {
        Writer writer = writer(requester);
        StoredItem stored = lockVisible(id, writer);
        ItemRules.requireEndable(stored.item(), reason);
        ItemRules.requireLatest(stored.item(), expectedVersion);
        return write(
                requester,
                stored,
                writer,
                ItemStatus.ENDED,
                stored.item().content(),
                reason,
                RecordItemChanged.Change.ENDED);
    }

    @Override
    @Transactional
    public RecordItem start(Requester requester, PersonId person, Assessment draft) {
        if (draft == null) {
            throw new RecordRefused("the assessment is required");
        }
        return add(requester, person, ItemDraft.of(draft));
    }

    @Override
    @Transactional
    public RecordItem save(Requester requester, RecordItemId id, int expectedVersion, Assessment draft) {
        Writer writer = writer(requester);
        StoredItem stored = lockVisible(id, writer);
        if (stored.item().kind() != RecordKind.ASSESSMENT) {
            throw new RecordRefused(id.reference() + " is not an assessment");
        }
        ItemRules.requireCorrectable(stored.item(), draft, "draft saved");
        ItemRules.requireLatest(stored.item(), expectedVersion);
        return write(
                requester, stored, writer, ItemStatus.DRAFT, draft, "draft saved", RecordItemChanged.Change.CORRECTED);
    }

    @Override
    @Transactional
    public RecordItem signOff(Requester requester, RecordItemId id, int expectedVersion) {
        Writer writer = writer(requester);
        StoredItem stored = lockVisible(id, writer);
        ItemRules.requireSignable(stored.item(), stored.createdBy(), writer.author());
        ItemRules.requireLatest(stored.item(), expectedVersion);
        RecordItem signed = write(
                requester,
                stored,
                writer,
                ItemStatus.SIGNED,
                stored.item().content(),
                "signed off",
                RecordItemChanged.Change.SIGNED);
        // The one assessment done once and shared: the newly signed one is the person's current assessment, and the
        // earlier ones stay, as they were, marked superseded by it.
        for (RecordItemId earlier : store.signedAssessmentsOtherThan(index.idsNow(signed.person()), id)) {
            store.supersede(earlier, id);
            StoredItem superseded = store.item(earlier).orElseThrow();
            events.publishEvent(changed(superseded.item(), RecordItemChanged.Change.SUPERSEDED));
        }
        return signed;
    }

    /** Decides the update, then stores the new version; the caller has checked the edit against the latest version. */
    private RecordItem write(
            Requester requester,
            StoredItem stored,
            Writer writer,
            ItemStatus status,
            RecordContent content,
            String reason,
            RecordItemChanged.Change change) {
        RecordItem item = stored.item();
        requireAllowed(decide(requester, Action.UPDATE, stored));
        ItemVersion version = new ItemVersion(
                item.version() + 1,
                status,
                content,
                ItemRules.requireReason(reason),
                writer.author(),
                writer.agency(),
                now());
        if (!store.append(item.id(), version)) {
            int latest =
                    store.item(item.id()).map(found -> found.item().version()).orElse(item.version());
            throw new StaleEdit(item.id(), item.version(), latest);
        }
        RecordItem written = new RecordItem(
                item.id(),
                item.person(),
                item.kind(),
                item.category(),
                item.sensitivity(),
                item.owner(),
                status,
                item.supersededBy(),
                version,
                item.created());
        events.publishEvent(changed(written, change));
        return written;
    }

    /**
     * The item, locked for the edit; one that does not exist and another agency's draft (which the writer may not
     * know of) are refused alike.
     */
    private StoredItem lockVisible(RecordItemId id, Writer writer) {
        if (id == null) {
            throw new RecordRefused("the record item is required");
        }
        return store.lock(id)
                .filter(item -> !item.hiddenFrom(writer.agency()))
                .orElseThrow(() -> new RecordRefused("there is no record item " + id.reference()));
    }

    private AccessDecision decide(Requester requester, Action action, StoredItem item) {
        AccessItem accessItem = item.accessItem();
        return decisions
                .decide(requester, action, item.item().person(), List.of(accessItem))
                .get(0);
    }

    private static void requireAllowed(AccessDecision decision) {
        if (!decision.allowed()) {
            throw new AccessRefused(decision);
        }
    }

    private static RecordItemChanged changed(RecordItem item, RecordItemChanged.Change change) {
        return new RecordItemChanged(item.id(), item.person(), item.kind(), item.version(), item.status(), change);
    }

    private Instant now() {
        return clock.instant();
    }

    // Who writes -----------------------------------------------------------------------------------------------------

    /**
     * Who writes, as the item's versions record them: the agency that will own a new item and, for staff, the author.
     *
     * @param author the member of staff writing; null for an agency's system acting on its own
     */
    private record Writer(AgencyId agency, Username author) {}

    private Writer writer(Requester requester) {
        Objects.requireNonNull(requester, "requester");
        if (requester instanceof Requester.Staff staff) {
            AgencyId agency = staffAgency(staff.user())
                    .orElseThrow(() -> new RecordRefused(
                            "'" + staff.user().value() + "' is not a staff account of the partnership in force"));
            return new Writer(agency, staff.user());
        }
        if (requester instanceof Requester.AgencySystem system) {
            return new Writer(system.agency(), system.onBehalfOf());
        }
        throw new RecordRefused("a portal account reads the record; only staff and agency systems write it");
    }

    /** The requester's agency, which alone sees its drafts; null for a portal account, which sees none. */
    private AgencyId agencyOf(Requester requester) {
        if (requester instanceof Requester.Staff staff) {
            return staffAgency(staff.user()).orElse(null);
        }
        if (requester instanceof Requester.AgencySystem system) {
            return system.agency();
        }
        return null;
    }

    private Optional<AgencyId> staffAgency(Username user) {
        Partnership partnership = partnerships.current().partnership();
        return partnership.staff(user).map(StaffAccount::agency);
    }
}
