package org.ecarehub.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.Requester;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.RecordRefused;
import org.ecarehub.record.Records;
import org.ecarehub.record.StaleEdit;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Adding an alert to a person's record, and ending one on a confirmation page with the reason. The child protection
 * flag is neither added nor ended here: it follows the child's registration, which the protection module keeps
 * (decision 0027; the register pages). Who may add or end is the record module's decision.
 */
@Controller
class AlertPages {

    /** The alert types a practitioner chooses among. */
    static final List<AlertType> TYPES = List.of(
            AlertType.RISK_TO_VISITING_STAFF, AlertType.COMMUNICATION_NEEDS, AlertType.ALLERGY, AlertType.OTHER);

    static final int MAX_TEXT = 2000;

    private final RecordWriting writing;
    private final Records records;

    AlertPages(RecordWriting writing, Records records) {
        this.writing = writing;
        this.records = records;
    }

    @GetMapping("/people/{id}/alerts/new")
    String initCreationForm(
            @PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        PersonView person = writing.person(writing.requester(authentication, session), id);
        return form(model, person, new AlertForm(null, null), new FormErrors());
    }

    @PostMapping("/people/{id}/alerts")
    String processCreationForm(
            @PathVariable("id") String id,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "text", required = false) String text,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Requester.Staff requester = writing.requester(authentication, session);
        PersonView person = writing.person(requester, id);
        AlertForm form = new AlertForm(Forms.trimmed(type), Forms.trimmed(text));
        FormErrors errors = new FormErrors();
        Optional<Alert> alert = form.alert(errors);
        if (alert.isEmpty()) {
            return form(model, person, form, errors);
        }
        try {
            RecordItem added = records.add(requester, person.id(), ItemDraft.of(alert.get()));
            return "redirect:/records/" + added.id().reference() + "?added";
        } catch (AccessRefused refused) {
            return writing.refused(model, response, "add an alert", refused, person.id());
        } catch (RecordRefused refused) {
            errors.add("type", Forms.sentence(refused.getMessage()));
            return form(model, person, form, errors);
        }
    }

    @GetMapping("/records/{ref}/end")
    String initEndForm(
            @PathVariable("ref") String ref, Authentication authentication, HttpSession session, Model model) {
        ItemView view = endable(writing.requester(authentication, session), ref);
        return endPage(model, view, String.valueOf(view.item().version()), null, new FormErrors(), false);
    }

    @PostMapping("/records/{ref}/end")
    String processEndForm(
            @PathVariable("ref") String ref,
            @RequestParam(name = "version", required = false) String version,
            @RequestParam(name = "reason", required = false) String reason,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Requester.Staff requester = writing.requester(authentication, session);
        ItemView view = endable(requester, ref);
        String why = Forms.trimmed(reason);
        FormErrors errors = new FormErrors();
        if (view.item().status() == ItemStatus.ENDED) {
            errors.add("reason", "This alert has already ended");
            return endPage(model, view, version, why, errors, false);
        }
        if (Forms.number(version) < 1) {
            errors.add("reason", "The form is missing the version you opened; open the alert again");
        }
        if (why == null) {
            errors.add("reason", "Enter why the alert no longer applies");
        } else if (why.length() > RecordPages.MAX_REASON) {
            errors.add("reason", "The reason must be " + RecordPages.MAX_REASON + " characters or fewer");
        }
        if (errors.any()) {
            return endPage(model, view, version, why, errors, false);
        }
        try {
            records.end(requester, view.item().id(), Forms.number(version), why);
            return "redirect:/records/" + view.item().id().reference() + "?ended";
        } catch (StaleEdit stale) {
            ItemView current = endable(requester, ref);
            errors.add("reason", Forms.STALE);
            return endPage(model, current, String.valueOf(current.item().version()), why, errors, true);
        } catch (AccessRefused refused) {
            return writing.refused(
                    model, response, "end this alert", refused, view.item().person());
        } catch (RecordRefused refused) {
            errors.add("reason", Forms.sentence(refused.getMessage()));
            return endPage(model, view, version, why, errors, false);
        }
    }

    /** An alert the user may see and the pages may end: never the child protection flag. */
    private ItemView endable(Requester requester, String ref) {
        ItemView view = writing.item(requester, ref, RecordKind.ALERT);
        if (RecordSections.childProtection(view)) {
            throw PersonPages.notFound();
        }
        return view;
    }

    private String form(Model model, PersonView person, AlertForm form, FormErrors errors) {
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("types", TYPES);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "alert-form";
    }

    private String endPage(
            Model model, ItemView view, String version, String reason, FormErrors errors, boolean stale) {
        model.addAttribute("view", view);
        model.addAttribute("item", view.item());
        model.addAttribute("version", version);
        model.addAttribute("reason", reason);
        model.addAttribute("errors", errors);
        model.addAttribute("stale", stale);
        return "alert-end";
    }

    /** The alert form as typed. */
    record AlertForm(String type, String text) {

        Optional<Alert> alert(FormErrors errors) {
            Optional<AlertType> chosen =
                    AlertType.fromCode(type == null ? "" : type).filter(TYPES::contains);
            if (chosen.isEmpty()) {
                errors.add("type", "Choose what kind of alert it is");
            }
            if (text == null) {
                errors.add("text", "Enter what the alert warns of");
            } else if (text.length() > MAX_TEXT) {
                errors.add("text", "What the alert warns of must be " + MAX_TEXT + " characters or fewer");
            }
            if (errors.any()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Alert(chosen.get(), text, null));
            } catch (RecordRefused refused) {
                errors.add("text", Forms.sentence(refused.getMessage()));
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return "AlertForm[masked]";
        }
    }
}
