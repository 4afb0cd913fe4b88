package org.ecarehub.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordKind;
import org.ecarehub.shared.PersonId;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the pages that add and keep record items share: the signed-in requester, the person or item they may see (else
 * the 404 of a missing one), which categories the decision point lets them try to create or change, and the 403 page
 * that explains a refusal. Whether a write is allowed is the record module's decision; this only asks and shows.
 */
@Component
class RecordWriting {

    /**
     * The categories a letter or document may be filed under from the pages. Demographics belong to the person index,
     * alerts are alerts, service requests to the request module and protection to the protection module, so a letter
     * under any of these would sit outside the place practitioners look for them (decision 0027).
     */
    static final Set<Category> DOCUMENT_CATEGORIES = EnumSet.complementOf(
            EnumSet.of(Category.DEMOGRAPHICS, Category.ALERTS, Category.SERVICE_REQUEST, Category.PROTECTION));

    private final Workspace workspace;
    private final PersonDirectory directory;
    private final AccessDecisions decisions;
    private final RecordPages recordPages;

    RecordWriting(Workspace workspace, PersonDirectory directory, AccessDecisions decisions, RecordPages recordPages) {
        this.workspace = workspace;
        this.directory = directory;
        this.decisions = decisions;
        this.recordPages = recordPages;
    }

    Requester.Staff requester(Authentication authentication, HttpSession session) {
        return workspace.practitioner(authentication, session).requester();
    }

    /** The person when the user may see them; an unknown, hidden or malformed id is the same page not found. */
    PersonView person(Requester requester, String id) {
        PersonId person = PersonPages.parse(id).orElseThrow(PersonPages::notFound);
        try {
            return directory.read(requester, person).orElseThrow(PersonPages::notFound);
        } catch (AccessRefused refused) {
            throw PersonPages.notFound();
        }
    }

    /** The item of the kind when the user may see it; any other answers as a missing one. */
    ItemView item(Requester requester, String ref, RecordKind kind) {
        ItemView view = recordPages.find(requester, ref);
        if (view.item().kind() != kind) {
            throw PersonPages.notFound();
        }
        return view;
    }

    /** Whether the user's purpose and roles let them try the action on the category at all (rules 1 to 3). */
    boolean mayAttempt(Requester requester, Action action, Category category) {
        return decisions.mayAttempt(requester, action, category).allowed();
    }

    /** The categories a document may be added under that the user's purpose and roles let them create. */
    List<Category> documentCategories(Requester requester) {
        return Arrays.stream(Category.values())
                .filter(DOCUMENT_CATEGORIES::contains)
                .filter(category -> mayAttempt(requester, Action.CREATE, category))
                .toList();
    }

    /** Which "Add ..." links the person's page offers this user. */
    MayAdd mayAdd(Requester requester) {
        return new MayAdd(
                mayAttempt(requester, Action.CREATE, Category.ALERTS),
                mayAttempt(requester, Action.CREATE, Category.CARE_PLAN),
                mayAttempt(requester, Action.CREATE, Category.SERVICE_PROVISION),
                !documentCategories(requester).isEmpty());
    }

    /**
     * The page that says the decision point refused the write, with its reason and what would allow it when the
     * decision says; answered 403. The reason names rules, never the person.
     */
    String refused(
            Model model, HttpServletResponse response, String attempted, AccessRefused refused, PersonId person) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("attempted", attempted);
        model.addAttribute("reason", Forms.sentence(refused.getMessage()));
        model.addAttribute(
                "wouldAllow",
                refused.decision().whatWouldAllow().map(Forms::sentence).orElse(null));
        model.addAttribute("personId", person.value());
        return "record-refused";
    }

    /** The "Add ..." links a user may follow from a person's page; public only so that the templates can read it. */
    public record MayAdd(boolean alert, boolean carePlan, boolean service, boolean document) {}
}
