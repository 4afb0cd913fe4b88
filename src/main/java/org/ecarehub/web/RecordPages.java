package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Action;
import org.ecarehub.record.Alert;
import org.ecarehub.record.CarePlan;
import org.ecarehub.record.Document;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordContent;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.RecordRefused;
import org.ecarehub.record.Records;
import org.ecarehub.record.ServiceProvision;
import org.ecarehub.record.StaleEdit;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One record item with its version history, and its correction: a new version with the reason for it, made from the
 * version the user saw. Whether the user may see or change the item is the record module's decision; an item they may
 * not see answers exactly as one that does not exist.
 */
@Controller
class RecordPages {

    static final int MAX_REASON = 1000;

    private final Workspace workspace;
    private final Records records;
    private final AccessDecisions decisions;

    RecordPages(Workspace workspace, Records records, AccessDecisions decisions) {
        this.workspace = workspace;
        this.records = records;
        this.decisions = decisions;
    }

    @GetMapping("/records/{ref}")
    String show(@PathVariable("ref") String ref, Authentication authentication, HttpSession session, Model model) {
        Requester.Staff requester =
                workspace.practitioner(authentication, session).requester();
        ItemView view = find(requester, ref);
        addItem(model, requester, view);
        return "record-item";
    }

    @GetMapping("/records/{ref}/correct")
    String initCorrectionForm(
            @PathVariable("ref") String ref, Authentication authentication, HttpSession session, Model model) {
        Requester.Staff requester =
                workspace.practitioner(authentication, session).requester();
        ItemView view = correctable(find(requester, ref));
        return correctionPage(model, requester, view, CorrectionForm.of(view), new FormErrors(), false);
    }

    @PostMapping("/records/{ref}/correct")
    String processCorrectionForm(
            @PathVariable("ref") String ref,
            @RequestParam(name = "version", required = false) String version,
            @RequestParam(name = "reason", required = false) String reason,
            @RequestParam(name = "text", required = false) String text,
            @RequestParam(name = "title", required = false) String title,
            @RequestParam(name = "outcomes", required = false) String outcomes,
            @RequestParam(name = "review-day", required = false) String reviewDay,
            @RequestParam(name = "review-month", required = false) String reviewMonth,
            @RequestParam(name = "review-year", required = false) String reviewYear,
            @RequestParam(name = "service", required = false) String service,
            @RequestParam(name = "visits", required = false) String visits,
            @RequestParam(name = "frequency", required = false) String frequency,
            @RequestParam(name = "hours", required = false) String hours,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Requester.Staff requester =
                workspace.practitioner(authentication, session).requester();
        ItemView view = correctable(find(requester, ref));
        CorrectionForm form = new CorrectionForm(
                Forms.trimmed(version),
                Forms.trimmed(reason),
                Forms.trimmed(text),
                Forms.trimmed(title),
                Forms.trimmed(outcomes),
                new DateField(reviewDay, reviewMonth, reviewYear),
                Forms.trimmed(service),
                Forms.trimmed(visits),
                Forms.trimmed(frequency),
                Forms.trimmed(hours));
        FormErrors errors = new FormErrors();
        Optional<RecordContent> content = form.content(view, errors);
        if (errors.any() || content.isEmpty()) {
            return correctionPage(model, requester, view, form, errors, false);
        }
        try {
            records.correct(requester, view.item().id(), Forms.number(form.version()), content.get(), form.reason());
        } catch (StaleEdit stale) {
            ItemView current = find(requester, ref);
            errors.add("reason", Forms.STALE);
            return correctionPage(model, requester, current, form.withVersion(current), errors, true);
        } catch (AccessRefused refused) {
            errors.add("reason", "You may not correct this item: " + refused.getMessage());
            return correctionPage(model, requester, view, form, errors, false);
        } catch (RecordRefused refused) {
            errors.add("reason", Forms.sentence(refused.getMessage()));
            return correctionPage(model, requester, view, form, errors, false);
        }
        return "redirect:/records/" + view.item().id().reference() + "?corrected";
    }

    private String correctionPage(
            Model model, Requester requester, ItemView view, CorrectionForm form, FormErrors errors, boolean stale) {
        addItem(model, requester, view);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("stale", stale);
        return "record-correct";
    }

    private void addItem(Model model, Requester requester, ItemView view) {
        model.addAttribute("view", view);
        model.addAttribute("item", view.item());
        model.addAttribute("history", records.history(requester, view.item().id()));
        // Ending and reviewing are offered where rules 1 to 3 let the user try an update; the write itself decides.
        model.addAttribute(
                "mayUpdate",
                decisions
                        .mayAttempt(requester, Action.UPDATE, view.item().category())
                        .allowed());
    }

    /** The item when the user may see it; a malformed, missing or hidden id is the same page not found. */
    ItemView find(Requester requester, String ref) {
        return RecordItemId.parse(ref)
                .flatMap(id -> records.item(requester, id))
                .orElseThrow(PersonPages::notFound);
    }

    /** An assessment is changed through its own pages: a draft is edited, a signed one is never changed. */
    private static ItemView correctable(ItemView view) {
        if (view.item().kind() == RecordKind.ASSESSMENT) {
            throw PersonPages.notFound();
        }
        return view;
    }

    /** The correction form as typed: the fields of the item's kind, the version it was made from and the reason. */
    record CorrectionForm(
            String version,
            String reason,
            String text,
            String title,
            String outcomes,
            DateField review,
            String service,
            String visits,
            String frequency,
            String hours) {

        static CorrectionForm of(ItemView view) {
            RecordContent content = view.item().content();
            String version = String.valueOf(view.item().version());
            DateField none = new DateField(null, null, null);
            if (content instanceof Alert alert) {
                return new CorrectionForm(version, null, alert.text(), null, null, none, null, null, null, null);
            }
            if (content instanceof Document document) {
                return new CorrectionForm(
                        version, null, document.text(), document.title(), null, none, null, null, null, null);
            }
            if (content instanceof CarePlan plan) {
                return new CorrectionForm(
                        version,
                        null,
                        null,
                        null,
                        String.join("\n", plan.outcomes()),
                        DateField.of(plan.reviewDate()),
                        null,
                        null,
                        null,
                        null);
            }
            ServiceProvision service = (ServiceProvision) content;
            return new CorrectionForm(
                    version,
                    null,
                    null,
                    null,
                    null,
                    none,
                    service.service(),
                    service.visitsADay() == null ? null : String.valueOf(service.visitsADay()),
                    service.frequency(),
                    service.hoursAWeek().stripTrailingZeros().toPlainString());
        }

        CorrectionForm withVersion(ItemView current) {
            return new CorrectionForm(
                    String.valueOf(current.item().version()),
                    reason,
                    text,
                    title,
                    outcomes,
                    review,
                    service,
                    visits,
                    frequency,
                    hours);
        }

        /** The new content, when every field is good; each problem is added to the errors under its field. */
        Optional<RecordContent> content(ItemView view, FormErrors errors) {
            if (Forms.number(version) < 1) {
                errors.add("reason", "The form is missing the version you opened; open the item again");
            }
            if (reason == null) {
                errors.add("reason", "Enter the reason for the correction");
            } else if (reason.length() > MAX_REASON) {
                errors.add("reason", "The reason must be " + MAX_REASON + " characters or fewer");
            }
            RecordContent content = view.item().content();
            try {
                if (content instanceof Alert alert) {
                    Forms.require(errors, "text", text, "Enter what the alert warns of");
                    return errors.any()
                            ? Optional.empty()
                            : Optional.of(new Alert(alert.type(), text, alert.contact()));
                }
                if (content instanceof Document) {
                    Forms.require(errors, "title", title, "Enter the document's title");
                    Forms.require(errors, "text", text, "Enter the document's text");
                    return errors.any() ? Optional.empty() : Optional.of(new Document(title, text));
                }
                if (content instanceof CarePlan plan) {
                    List<String> lines = Forms.lines(outcomes);
                    if (lines.isEmpty()) {
                        errors.add("outcomes", "Enter at least one outcome, one a line");
                    }
                    if (review.date().isEmpty()) {
                        errors.add("review-day", "The review date must be a real date, for example 27 3 2027");
                    }
                    return errors.any()
                            ? Optional.empty()
                            : Optional.of(new CarePlan(
                                    lines, plan.actions(), review.date().get(), plan.reviews()));
                }
                ServiceProvision old = (ServiceProvision) content;
                Forms.require(errors, "service", service, "Enter the service");
                Integer visitsADay = null;
                if (visits != null) {
                    visitsADay = Forms.whole(visits, 1, 24);
                    if (visitsADay == null) {
                        errors.add("visits", "Visits a day must be a whole number from 1 to 24");
                    }
                } else if (frequency == null) {
                    errors.add("visits", "Enter visits a day or how often the service is given");
                }
                BigDecimal hoursAWeek = Forms.decimal(hours);
                if (hoursAWeek == null
                        || hoursAWeek.signum() < 0
                        || hoursAWeek.compareTo(BigDecimal.valueOf(168)) > 0) {
                    errors.add("hours", "Hours a week must be a number from 0 to 168");
                }
                return errors.any()
                        ? Optional.empty()
                        : Optional.of(new ServiceProvision(
                                service, old.provider(), old.start(), old.end(), visitsADay, frequency, hoursAWeek));
            } catch (RecordRefused refused) {
                errors.add("reason", Forms.sentence(refused.getMessage()));
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return "CorrectionForm[masked]";
        }
    }
}
