package org.ecarehub.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.Category;
import org.ecarehub.record.Document;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordRefused;
import org.ecarehub.record.Records;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Adding a letter, report or note to a person's record, under a category the user's purpose and roles let them create
 * (asked of the decision point) and as normal or restricted. Sealed items are not added from the pages (decision
 * 0027).
 */
@Controller
class DocumentPages {

    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 20_000;

    private final RecordWriting writing;
    private final Records records;

    DocumentPages(RecordWriting writing, Records records) {
        this.writing = writing;
        this.records = records;
    }

    @GetMapping("/people/{id}/documents/new")
    String initCreationForm(
            @PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        Requester.Staff requester = writing.requester(authentication, session);
        PersonView person = writing.person(requester, id);
        return form(model, requester, person, new DocumentForm(null, null, null, null), new FormErrors());
    }

    @PostMapping("/people/{id}/documents")
    String processCreationForm(
            @PathVariable("id") String id,
            @RequestParam(name = "category", required = false) String category,
            @RequestParam(name = "sensitivity", required = false) String sensitivity,
            @RequestParam(name = "title", required = false) String title,
            @RequestParam(name = "text", required = false) String text,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Requester.Staff requester = writing.requester(authentication, session);
        PersonView person = writing.person(requester, id);
        DocumentForm form = new DocumentForm(
                Forms.trimmed(category), Forms.trimmed(sensitivity), Forms.trimmed(title), Forms.trimmed(text));
        FormErrors errors = new FormErrors();
        Optional<ItemDraft> draft = form.draft(writing.documentCategories(requester), errors);
        if (draft.isEmpty()) {
            return form(model, requester, person, form, errors);
        }
        try {
            RecordItem added = records.add(requester, person.id(), draft.get());
            return "redirect:/records/" + added.id().reference() + "?added";
        } catch (AccessRefused refused) {
            return writing.refused(model, response, "add this document", refused, person.id());
        } catch (RecordRefused refused) {
            errors.add("category", Forms.sentence(refused.getMessage()));
            return form(model, requester, person, form, errors);
        }
    }

    private String form(Model model, Requester requester, PersonView person, DocumentForm form, FormErrors errors) {
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("categories", writing.documentCategories(requester));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "document-form";
    }

    /** The document form as typed. */
    record DocumentForm(String category, String sensitivity, String title, String text) {

        /** The new item, when every field is good and the category is one the user was offered. */
        Optional<ItemDraft> draft(List<Category> offered, FormErrors errors) {
            Optional<Category> chosen =
                    Category.fromCode(category == null ? "" : category).filter(offered::contains);
            if (chosen.isEmpty()) {
                errors.add("category", "Choose what kind of information the document holds");
            }
            Sensitivity level = "restricted".equals(sensitivity)
                    ? Sensitivity.RESTRICTED
                    : "normal".equals(sensitivity) ? Sensitivity.NORMAL : null;
            if (level == null) {
                errors.add("sensitivity", "Choose whether the document is normal or restricted");
            }
            if (title == null) {
                errors.add("title", "Enter the document's title");
            } else if (title.length() > MAX_TITLE) {
                errors.add("title", "The title must be " + MAX_TITLE + " characters or fewer");
            }
            if (text == null) {
                errors.add("text", "Enter the document's text");
            } else if (text.length() > MAX_TEXT) {
                errors.add("text", "The text must be " + MAX_TEXT + " characters or fewer");
            }
            if (errors.any()) {
                return Optional.empty();
            }
            try {
                return Optional.of(ItemDraft.document(chosen.get(), level, new Document(title, text)));
            } catch (RecordRefused refused) {
                errors.add("title", Forms.sentence(refused.getMessage()));
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return "DocumentForm[masked]";
        }
    }
}
