package org.ecarehub.consent.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.ConsentAnswer;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentGiven;
import org.ecarehub.consent.ConsentRefused;
import org.ecarehub.consent.ConsentWithdrawn;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.EventType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Consents over the database, read through the cache. */
@Service
class StoredConsents implements Consents {

    private final ConsentRows rows;
    private final RepresentativeRows representatives;
    private final PersonLoader loader;
    private final People people;
    private final ConsentJournal journal;
    private final TransactionTemplate transactions;

    StoredConsents(
            ConsentRows rows,
            RepresentativeRows representatives,
            PersonLoader loader,
            People people,
            ConsentJournal journal,
            TransactionTemplate transactions) {
        this.rows = rows;
        this.representatives = representatives;
        this.loader = loader;
        this.people = people;
        this.journal = journal;
        this.transactions = transactions;
    }

    @Override
    public Consent record(ConsentDraft draft, Actor by) {
        Checks.consent(draft);
        people.requireKnown(draft.person(), "person");
        return transactions.execute(status -> {
            LocalDate today = journal.today();
            if (draft.onBehalfOf() != null) {
                checkRepresentative(draft, today);
            }
            Consent consent = rows.insert(draft, by, journal.now());
            journal.log(
                    EventType.CONSENT,
                    by,
                    verb(consent),
                    consent.person(),
                    Codes.categoryCodes(consent.categories()),
                    List.of(consent.id().toString()),
                    consent.purpose().code(),
                    consent.status().name().toLowerCase(java.util.Locale.ROOT));
            journal.changed(Set.of(consent.person()));
            journal.publish(
                    switch (consent.status()) {
                        case GIVEN -> new ConsentGiven(consent.id(), consent.person());
                        case REFUSED -> new ConsentRefused(consent.id(), consent.person());
                        case WITHDRAWN -> new ConsentWithdrawn(consent.id(), consent.person());
                        case NONE -> throw new IllegalStateException("NONE is never recorded");
                    });
            return consent;
        });
    }

    private void checkRepresentative(ConsentDraft draft, LocalDate today) {
        RepresentativeAuthority authority = representatives
                .authority(draft.onBehalfOf().authority())
                .orElseThrow(() -> new RecordingRefused("the representative holds no such authority over the person"));
        boolean lacksWelfare =
                Checks.lacksCapacity(representatives.assessments(draft.person()), DecisionArea.WELFARE, today);
        int age = people.age(draft.person(), today).orElse(-1);
        Set<Category> kept = Checks.keptFromParents(representatives.kept(draft.person()), today);
        Checks.representativeConsent(draft, authority, today, lacksWelfare, age, kept);
    }

    private static String verb(Consent consent) {
        return switch (consent.status()) {
            case GIVEN -> "give";
            case REFUSED -> "refuse";
            case WITHDRAWN -> "withdraw";
            case NONE -> throw new IllegalStateException("NONE is never recorded");
        };
    }

    @Override
    public List<Consent> history(PersonId person) {
        return loader.person(person).consents();
    }

    @Override
    public ConsentAnswer latest(
            PersonId person,
            Purpose purpose,
            AgencyId recipient,
            AgencyType recipientType,
            Category category,
            LocalDate day) {
        return Checks.latest(loader.person(person).consents(), purpose, recipient, recipientType, category, day);
    }
}
