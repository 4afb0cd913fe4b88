package org.ecarehub.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.Requester;
import org.ecarehub.consent.Representatives;
import org.ecarehub.identity.PortalAccount;
import org.ecarehub.identity.PortalAccounts;
import org.ecarehub.shared.PersonId;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The signed-in portal account as the portal's pages see it: the {@link Requester.Portal} that the access decision
 * decides for, and whose record it chose to look at, "me" or someone it acts for, kept in the session. What it may see
 * of that record is the decision's, never this class's: it only offers the choices.
 */
@Component
class PortalViewer implements PortalRequesters {

    static final String CHOSEN = "ecare.portal.chosen";

    private final PortalAccounts accounts;
    private final Representatives representatives;
    private final Clock clock;

    PortalViewer(PortalAccounts accounts, Representatives representatives, Clock clock) {
        this.accounts = accounts;
        this.representatives = representatives;
        this.clock = clock;
    }

    /** The signed-in portal account, or 403 for any other session. */
    PortalAccount account(Authentication authentication) {
        return accounts.signedIn(authentication).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    /** The portal account signed in on this request, as the portal's JSON APIs ask for it; empty for any other. */
    @Override
    public Optional<Requester.Portal> of(HttpServletRequest request) {
        return accounts.signedIn(SecurityContextHolder.getContext().getAuthentication())
                .map(account -> new Requester.Portal(account.username().value(), account.boundTo()));
    }

    PortalViewing viewing(Authentication authentication, HttpSession session) {
        PortalAccount account = account(authentication);
        Requester.Portal requester = new Requester.Portal(account.username().value(), account.boundTo());
        List<PortalChoice> choices = choices(account);
        PersonId chosen = Optional.ofNullable((String) session.getAttribute(CHOSEN))
                .flatMap(id -> choices.stream()
                        .map(PortalChoice::person)
                        .filter(person -> person.value().equals(id))
                        .findFirst())
                .orElse(account.boundTo());
        return new PortalViewing(account, requester, chosen, choices);
    }

    /** Keeps the choice when it is one of the account's; false, changing nothing, when it is not. */
    boolean choose(Authentication authentication, HttpSession session, String person) {
        boolean offered = choices(account(authentication)).stream()
                .anyMatch(choice -> choice.person().value().equals(person));
        if (offered) {
            session.setAttribute(CHOSEN, person);
        }
        return offered;
    }

    /**
     * The account's own record and those of the people it holds a verified authority over that is in force today.
     * Whether an authority covers anything is the decision's question, asked when the record is read.
     */
    private List<PortalChoice> choices(PortalAccount account) {
        if (!account.bound()) {
            return List.of();
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), Dates.PARTNERSHIP_ZONE);
        List<PortalChoice> choices = new ArrayList<>();
        choices.add(new PortalChoice(account.boundTo(), null, null));
        representatives.heldBy(account.boundTo()).stream()
                .filter(held -> held.authority().verified() && held.authority().inForceOn(today))
                .map(held -> new PortalChoice(
                        held.person(), held.authority().kind(), held.authority().reference()))
                .filter(choice ->
                        choices.stream().noneMatch(known -> known.person().equals(choice.person())))
                .forEach(choices::add);
        return List.copyOf(choices);
    }
}
