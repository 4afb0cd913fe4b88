package org.ecarehub.identity;

import java.util.List;
import java.util.Optional;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.springframework.security.core.Authentication;

/**
 * Local portal accounts for the person and their representatives (standalone and demo mode), and the verification
 * step that binds one to its person-index entry (POLICY.md P1: never self-registration). Each binding and refusal is
 * written to the transparency log in its own transaction: when the log cannot record it, nothing is stored.
 */
public interface PortalAccounts {

    /** Whether the portal signs in through an external identity provider, when local accounts are refused. */
    boolean signsInThroughProvider();

    /**
     * Registers an unbound account with a new second-factor secret.
     *
     * @throws PortalRefused for a bad or taken username, a bad email, a password the policy refuses, or when portal
     *     sign-in goes through an external identity provider
     */
    PortalRegistration register(Username username, String email, String password);

    Optional<PortalAccount> find(Username username);

    /** The accounts bound to the person, for telling them of activity on their record. */
    List<PortalAccount> boundTo(PersonId person);

    /** The portal account signed in through the portal's own sign-in, as it stands now; empty for anyone else. */
    Optional<PortalAccount> signedIn(Authentication authentication);

    /**
     * Puts the account in the verification queue.
     *
     * @throws PortalRefused when the claim is incomplete, or the account is bound or waiting already
     */
    VerificationRequest requestVerification(Username account, VerificationClaim claim);

    /** The requests waiting for a decision, oldest first. */
    List<VerificationRequest> waiting();

    Optional<VerificationRequest> request(long id);

    /**
     * Binds the request's account to the person, decided by a member of staff whose roles may update demographics.
     *
     * @throws PortalRefused when the request is not waiting, the person is unknown, or the actor may not verify
     */
    PortalAccount bind(long request, PersonId person, Actor by);

    /**
     * Refuses the request with a reason the account holder is told; the reason stays out of the log.
     *
     * @throws PortalRefused when the request is not waiting, the reason is missing, or the actor may not verify
     */
    VerificationRequest refuse(long request, String reason, Actor by);

    /** The reason a refused request's holder is told, when it was refused. */
    Optional<String> refusalReason(long request);

    /** Whether the actor's roles let them verify portal accounts: update on demographics. */
    boolean mayVerify(Actor by);

    /**
     * Creates or keeps a demo account of DEMO.md, bound already, with the demo password and second-factor secret.
     *
     * @throws PortalRefused when the hub does not run in demo mode
     */
    PortalAccount seedDemo(Username username, String email, PersonId person);
}
