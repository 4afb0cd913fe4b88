package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecarehub.identity.Callers;
import org.ecarehub.identity.StaffCaller;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.PersonId;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The signed-in practitioner's workspace as the session keeps it: the purpose of use they chose (with its
 * justification, for a protection purpose) and the break-glass offers their searches made. The purpose is checked
 * against the partnership in force on every request, so a role taken away takes its purposes with it at once.
 */
@Component
class Workspace {

    static final String PURPOSE = "ecare.purpose";
    static final String JUSTIFICATION = "ecare.justification";
    static final String OFFERS = "ecare.break-glass-offers";

    /** The most break-glass offers one session keeps; older ones are forgotten. */
    static final int MAX_OFFERS = 20;

    private final Callers callers;
    private final Partnerships partnerships;
    private final SecureRandom random = new SecureRandom();

    Workspace(Callers callers, Partnerships partnerships) {
        this.callers = callers;
        this.partnerships = partnerships;
    }

    /** The signed-in member of staff with the purpose they chose, or 403 when the session is not a staff account's. */
    Practitioner practitioner(Authentication authentication, HttpSession session) {
        StaffCaller caller =
                callers.staff(authentication).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        Partnership partnership = partnerships.current().partnership();
        List<Purpose> allowed =
                partnership.purposesOf(caller.account()).stream().sorted().toList();
        Purpose chosen = Optional.ofNullable((String) session.getAttribute(PURPOSE))
                .flatMap(Purpose::fromCode)
                .filter(allowed::contains)
                .orElse(null);
        String justification = (String) session.getAttribute(JUSTIFICATION);
        if (chosen == null || (needsJustification(chosen) && justification == null)) {
            chosen = partnership.defaultPurpose(caller.account()).orElse(null);
            justification = null;
        }
        int version = partnerships.current().version();
        return new Practitioner(caller, allowed, chosen, justification, version);
    }

    void choose(HttpSession session, Purpose purpose, String justification) {
        session.setAttribute(PURPOSE, purpose.code());
        if (justification == null) {
            session.removeAttribute(JUSTIFICATION);
        } else {
            session.setAttribute(JUSTIFICATION, justification);
        }
    }

    static boolean needsJustification(Purpose purpose) {
        return purpose == Purpose.CHILD_PROTECTION || purpose == Purpose.ADULT_PROTECTION;
    }

    /**
     * Keeps a person the user may not see behind a random token, so that the break-glass offer carries nothing the
     * user did not type (decision 0021).
     */
    String offerBreakGlass(HttpSession session, PersonId person, String details) {
        Map<String, BreakGlassOffer> offers = offers(session);
        while (offers.size() >= MAX_OFFERS) {
            offers.remove(offers.keySet().iterator().next());
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        offers.put(token, new BreakGlassOffer(person.value(), details));
        session.setAttribute(OFFERS, offers);
        return token;
    }

    Optional<BreakGlassOffer> offer(HttpSession session, String token) {
        return Optional.ofNullable(offers(session).get(token));
    }

    void forgetOffer(HttpSession session, String token) {
        Map<String, BreakGlassOffer> offers = offers(session);
        offers.remove(token);
        session.setAttribute(OFFERS, offers);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, BreakGlassOffer> offers(HttpSession session) {
        Object stored = session.getAttribute(OFFERS);
        return stored instanceof LinkedHashMap<?, ?> map ? (Map<String, BreakGlassOffer>) map : new LinkedHashMap<>();
    }
}
