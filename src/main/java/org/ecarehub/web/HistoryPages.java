package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.ecarehub.access.AccessHistory;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.LoggedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A person's access history for governance (audit purpose): the access module decides and logs the reading; anyone it
 * refuses, for whatever reason, sees the same page as for a person who does not exist.
 */
@Controller
class HistoryPages {

    static final int SHOWN = 200;

    private final Workspace workspace;
    private final AccessHistory history;

    HistoryPages(Workspace workspace, AccessHistory history) {
        this.workspace = workspace;
        this.history = history;
    }

    @GetMapping("/people/{id}/history")
    String show(@PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonId person = PersonPages.parse(id).orElseThrow(PersonPages::notFound);
        List<LoggedEvent> events;
        try {
            events = history.of(practitioner.requester(), person, SHOWN).orElseThrow(PersonPages::notFound);
        } catch (AccessRefused refused) {
            throw PersonPages.notFound();
        }
        model.addAttribute("personId", person.value());
        model.addAttribute("events", events);
        return "history";
    }
}
