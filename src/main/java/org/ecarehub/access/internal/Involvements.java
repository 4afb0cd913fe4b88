package org.ecarehub.access.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.InvolvementDirectory;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.RelationshipId;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.consent.AuthorityId;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.ConsentId;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.partnership.Team;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.springframework.stereotype.Service;

/**
 * Decides each relationship, authority and consent of a person as an item of their record (decision 0017) and returns
 * only those allowed. The decisions go through the {@link DecisionPoint} and are logged before anything returns.
 */
@Service
class Involvements implements InvolvementDirectory {

    private final DecisionPoint decisions;
    private final Relationships relationships;
    private final Representatives representatives;
    private final Consents consents;
    private final PersonIndex index;

    Involvements(
            DecisionPoint decisions,
            Relationships relationships,
            Representatives representatives,
            Consents consents,
            PersonIndex index) {
        this.decisions = decisions;
        this.index = index;
        this.relationships = relationships;
        this.representatives = representatives;
        this.consents = consents;
    }

    @Override
    public List<Relationship> relationships(Requester requester, PersonId person) {
        return relationshipsWhere(requester, Action.READ, person, relationship -> true);
    }

    @Override
    public Optional<Relationship> relationship(Requester requester, PersonId person, RelationshipId id) {
        return relationshipsWhere(
                        requester,
                        Action.READ,
                        person,
                        relationship -> relationship.id().equals(id))
                .stream()
                .findFirst();
    }

    @Override
    public List<RepresentativeAuthority> authorities(Requester requester, PersonId person) {
        return authoritiesWhere(requester, person, authority -> true);
    }

    @Override
    public Optional<RepresentativeAuthority> authority(Requester requester, PersonId person, AuthorityId id) {
        return authoritiesWhere(requester, person, authority -> authority.id().equals(id)).stream()
                .findFirst();
    }

    @Override
    public List<Consent> consents(Requester requester, PersonId person) {
        return consentsWhere(requester, Action.READ, person, consent -> true);
    }

    @Override
    public List<Relationship> exportRelationships(Requester requester, PersonId person) {
        return relationshipsWhere(requester, Action.EXPORT, person, relationship -> true);
    }

    @Override
    public List<Consent> exportConsents(Requester requester, PersonId person) {
        return consentsWhere(requester, Action.EXPORT, person, consent -> true);
    }

    @Override
    public Optional<Consent> consent(Requester requester, PersonId person, ConsentId id) {
        return consentsWhere(
                        requester, Action.READ, person, consent -> consent.id().equals(id))
                .stream()
                .findFirst();
    }

    /**
     * What the module keeps under each of the person's ids (a person merged into them included, while the merge is in
     * force), the person's own first, each id's in its own order.
     */
    private <T> List<T> ofEveryId(PersonId person, Function<PersonId, List<T>> kept) {
        List<PersonId> ids = index.idsNow(person);
        if (ids.size() == 1) {
            return kept.apply(ids.get(0));
        }
        List<T> all = new ArrayList<>();
        ids.forEach(id -> all.addAll(kept.apply(id)));
        return all;
    }

    private List<Relationship> relationshipsWhere(
            Requester requester, Action action, PersonId person, Predicate<Relationship> wanted) {
        attempt(requester, action, Category.CONTACTS);
        Partnership partnership = decisions.snapshot().partnership();
        List<Relationship> asked =
                ofEveryId(person, relationships::of).stream().filter(wanted).toList();
        return shown(
                requester,
                action,
                person,
                Category.CONTACTS,
                asked,
                relationship -> holderAgency(partnership, relationship)
                        .map(agency -> List.of(item(relationship.id().reference(), Category.CONTACTS, agency)))
                        .orElse(List.of()));
    }

    private List<RepresentativeAuthority> authoritiesWhere(
            Requester requester, PersonId person, Predicate<RepresentativeAuthority> wanted) {
        attempt(requester, Action.READ, Category.CONTACTS);
        Partnership partnership = decisions.snapshot().partnership();
        List<RepresentativeAuthority> asked = ofEveryId(person, representatives::authoritiesOver).stream()
                .filter(wanted)
                .toList();
        return shown(
                requester,
                Action.READ,
                person,
                Category.CONTACTS,
                asked,
                authority -> authorityOwner(partnership, authority)
                        .map(agency -> List.of(item(authority.id().toString(), Category.CONTACTS, agency)))
                        .orElse(List.of()));
    }

    private List<Consent> consentsWhere(
            Requester requester, Action action, PersonId person, Predicate<Consent> wanted) {
        List<Consent> asked =
                ofEveryId(person, consents::history).stream().filter(wanted).toList();
        List<Consent> shown = new ArrayList<>();
        List<AccessItem> items = new ArrayList<>();
        List<Consent> itemConsents = new ArrayList<>();
        for (Consent consent : asked) {
            Optional<AgencyId> owner = consentOwner(consent);
            if (owner.isEmpty()) {
                continue;
            }
            // A consent about every category says nothing about any one of them: whoever may see the person may see
            // it. One about named categories tells what the person decided about each, so each is decided alone.
            List<Category> categories = consent.categories().isEmpty()
                    ? List.of(Category.DEMOGRAPHICS)
                    : new ArrayList<>(new TreeSet<>(consent.categories()));
            for (Category category : categories) {
                items.add(item(consent.id().toString(), category, owner.get()));
                itemConsents.add(consent);
            }
        }
        List<AccessDecision> decided = decide(requester, action, person, Category.DEMOGRAPHICS, items);
        for (Consent consent : asked) {
            Set<Category> allowed = new TreeSet<>();
            boolean any = false;
            for (int i = 0; i < items.size(); i++) {
                if (itemConsents.get(i) == consent && decided.get(i).allowed()) {
                    any = true;
                    allowed.add(items.get(i).category());
                }
            }
            if (any) {
                shown.add(consent.categories().isEmpty() ? consent : narrowed(consent, allowed));
            }
        }
        return shown;
    }

    /** Rules 1 to 3 first: a requester who may not read the category at all is refused whoever the person is. */
    private void attempt(Requester requester, Action action, Category category) {
        AccessDecision attempt = decisions.mayAttempt(requester, action, category);
        if (!attempt.allowed()) {
            decisions.logWithoutPerson(requester, action, category, attempt);
            throw new AccessRefused(attempt);
        }
    }

    /** Decides one item per thing (or none, when its owner cannot be known: then nobody sees it) and keeps the allowed. */
    private <T> List<T> shown(
            Requester requester,
            Action action,
            PersonId person,
            Category category,
            List<T> things,
            Function<T, List<AccessItem>> itemsOf) {
        List<AccessItem> items = new ArrayList<>();
        List<T> owners = new ArrayList<>();
        for (T thing : things) {
            for (AccessItem item : itemsOf.apply(thing)) {
                items.add(item);
                owners.add(thing);
            }
        }
        List<AccessDecision> decided = decide(requester, action, person, category, items);
        List<T> shown = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (decided.get(i).allowed()) {
                shown.add(owners.get(i));
            }
        }
        return shown;
    }

    /**
     * The decisions, logged: about the person when there is anything to decide, else one entry without a person, as
     * for a search that found nobody, so that the log says someone asked without saying whether the person exists.
     */
    private List<AccessDecision> decide(
            Requester requester, Action action, PersonId person, Category category, List<AccessItem> items) {
        if (items.isEmpty()) {
            AccessDecision attempt = decisions.mayAttempt(requester, action, category);
            decisions.logWithoutPerson(requester, action, category, attempt);
            return List.of();
        }
        return decisions.decide(requester, action, person, items);
    }

    private static AccessItem item(String id, Category category, AgencyId owner) {
        return new AccessItem(id, category, Sensitivity.NORMAL, owner);
    }

    /** A relationship belongs to the agency of the account or team that holds it. */
    private static Optional<AgencyId> holderAgency(Partnership partnership, Relationship relationship) {
        if (relationship.holder().user() != null) {
            return partnership.staff(relationship.holder().user()).map(StaffAccount::agency);
        }
        return partnership.team(relationship.holder().team()).map(Team::agency);
    }

    /**
     * An authority belongs to the agency of the member of staff who verified it, who answers for the document; until
     * verified, to the agency of the member of staff who recorded it.
     */
    private static Optional<AgencyId> authorityOwner(Partnership partnership, RepresentativeAuthority authority) {
        String verifiedBy = authority.authority().verifiedBy();
        if (verifiedBy != null && !verifiedBy.isBlank()) {
            Optional<AgencyId> verifier;
            try {
                verifier = partnership.staff(Username.of(verifiedBy)).map(StaffAccount::agency);
            } catch (IllegalArgumentException notAUsername) {
                verifier = Optional.empty();
            }
            if (verifier.isPresent()) {
                return verifier;
            }
        }
        return Optional.ofNullable(authority.recordedBy()).map(actor -> actor.agency());
    }

    /**
     * A consent belongs to the agency whose member of staff (or system) recorded it; one recorded with no agency (by
     * the person on the portal) to the agency it names as its recipient, when it names exactly one.
     */
    private static Optional<AgencyId> consentOwner(Consent consent) {
        if (consent.recordedBy() != null && consent.recordedBy().agency() != null) {
            return Optional.of(consent.recordedBy().agency());
        }
        List<AgencyId> agencies = consent.recipients().stream()
                .map(recipient -> recipient.agency())
                .filter(agency -> agency != null)
                .distinct()
                .toList();
        return agencies.size() == 1 ? Optional.of(agencies.get(0)) : Optional.empty();
    }

    private static Consent narrowed(Consent consent, Set<Category> categories) {
        return new Consent(
                consent.id(),
                consent.person(),
                consent.purpose(),
                categories,
                consent.recipients(),
                consent.status(),
                consent.recordedBy(),
                consent.onBehalfOf(),
                consent.evidence(),
                consent.start(),
                consent.end(),
                consent.recordedAt());
    }
}
