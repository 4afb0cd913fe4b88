package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.Requester;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.Assessments;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.RecordRefused;
import org.ecarehub.record.Records;
import org.ecarehub.record.StaleEdit;
import org.ecarehub.shared.PersonId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Single Shared Assessment's pages: start a draft, edit it from the version the user opened, and sign it off on a
 * confirmation page. The lifecycle (drafts within the agency, sign-off once and by the assessor, supersession) is the
 * record module's; these pages show its refusals as GOV.UK errors and store nothing themselves.
 */
@Controller
class AssessmentPages {

    private final Workspace workspace;
    private final Assessments assessments;
    private final Records records;
    private final PersonDirectory directory;
    private final RecordPages recordPages;

    AssessmentPages(
            Workspace workspace,
            Assessments assessments,
            Records records,
            PersonDirectory directory,
            RecordPages recordPages) {
        this.workspace = workspace;
        this.assessments = assessments;
        this.records = records;
        this.directory = directory;
        this.recordPages = recordPages;
    }

    @GetMapping("/people/{id}/assessments/new")
    String initCreationForm(
            @PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        Requester.Staff requester =
                workspace.practitioner(authentication, session).requester();
        PersonView person = person(requester, id);
        return form(model, person, null, AssessmentForm.empty(), new FormErrors(), false);
    }

    @PostMapping("/people/{id}/assessments")
    String processCreationForm(
            @PathVariable("id") String id,
            @ModelAttribute AssessmentFields fields,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Requester.Staff requester =
                workspace.practitioner(authentication, session).requester();
        PersonView person = person(requester, id);
        AssessmentForm form = fields.form(null);
        FormErrors errors = new FormErrors();
        Optional<Assessment> draft = form.assessment(errors);
        if (draft.isEmpty()) {
            return form(model, person, null, form, errors, false);
        }
        try {
            RecordItem started = assessments.start(requester, person.id(), draft.get());
            return "redirect:/records/" + started.id().reference() + "?started";
        } catch (AccessRefused refused) {
            errors.add("personalDetails", "You may not start an assessment of this person: " + refused.getMessage());
        } catch (RecordRefused refused) {
            errors.add("personalDetails", Forms.sentence(refused.getMessage()));
        }
        return form(model, person, null, form, errors, false);
    }

    @GetMapping("/records/{ref}/edit")
    String initUpdateForm(
            @PathVariable("ref") String ref, Authentication authentication, HttpSession session, Model model) {
        Requester.Staff requester =
                workspace.practitioner(authentication, session).requester();
        ItemView view = assessment(requester, ref);
        if (view.item().status() != ItemStatus.DRAFT) {
            return "redirect:/records/" + view.item().id().reference();
        }
        PersonView person = person(requester, view.item().person().value());
        AssessmentForm form = AssessmentForm.of(
                view.item().content(Assessment.class), view.item().version());
        return form(model, person, view, form, new FormErrors(), false);
    }

    @PostMapping("/records/{ref}/edit")
    String processUpdateForm(
            @PathVariable("ref") String ref,
            @ModelAttribute AssessmentFields fields,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Requester.Staff requester =
                workspace.practitioner(authentication, session).requester();
        ItemView view = assessment(requester, ref);
        PersonView person = person(requester, view.item().person().value());
        AssessmentForm form = fields.form(fields.getVersion());
        FormErrors errors = new FormErrors();
        if (Forms.number(form.version()) < 1) {
            errors.add("personalDetails", "The form is missing the version you opened; open the draft again");
        }
        Optional<Assessment> draft = form.assessment(errors);
        if (errors.any() || draft.isEmpty()) {
            return form(model, person, view, form, errors, false);
        }
        try {
            assessments.save(requester, view.item().id(), Forms.number(form.version()), draft.get());
            return "redirect:/records/" + view.item().id().reference() + "?saved";
        } catch (StaleEdit stale) {
            ItemView current = assessment(requester, ref);
            errors.add("personalDetails", Forms.STALE);
            return form(model, person, current, form.withVersion(current.item().version()), errors, true);
        } catch (AccessRefused refused) {
            errors.add("personalDetails", "You may not change this assessment: " + refused.getMessage());
        } catch (RecordRefused refused) {
            errors.add("personalDetails", Forms.sentence(refused.getMessage()));
        }
        return form(model, person, view, form, errors, false);
    }

    @GetMapping("/records/{ref}/sign-off")
    String initSignOff(
            @PathVariable("ref") String ref, Authentication authentication, HttpSession session, Model model) {
        Requester.Staff requester =
                workspace.practitioner(authentication, session).requester();
        ItemView view = assessment(requester, ref);
        FormErrors errors = new FormErrors();
        if (view.item().status() != ItemStatus.DRAFT) {
            errors.add("sign-off", signedAlready());
        }
        return signOffPage(model, requester, view, errors);
    }

    @PostMapping("/records/{ref}/sign-off")
    String processSignOff(
            @PathVariable("ref") String ref,
            @RequestParam(name = "version", required = false) String version,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Requester.Staff requester =
                workspace.practitioner(authentication, session).requester();
        ItemView view = assessment(requester, ref);
        FormErrors errors = new FormErrors();
        try {
            assessments.signOff(requester, view.item().id(), Forms.number(version));
            return "redirect:/records/" + view.item().id().reference() + "?signed";
        } catch (StaleEdit stale) {
            errors.add("sign-off", Forms.STALE);
        } catch (AccessRefused refused) {
            errors.add("sign-off", "You may not sign off this assessment: " + refused.getMessage());
        } catch (RecordRefused refused) {
            errors.add("sign-off", Forms.sentence(refused.getMessage()));
        }
        ItemView current = assessment(requester, ref);
        if (current.item().status() != ItemStatus.DRAFT) {
            // Whoever signed it, the user is told plainly that there is nothing left to sign.
            errors = new FormErrors();
            errors.add("sign-off", signedAlready());
        }
        return signOffPage(model, requester, current, errors);
    }

    private static String signedAlready() {
        return "This assessment has already been signed off. A signed assessment cannot be signed again or changed:"
                + " start a new assessment to replace it";
    }

    private String signOffPage(Model model, Requester requester, ItemView view, FormErrors errors) {
        model.addAttribute("view", view);
        model.addAttribute("item", view.item());
        model.addAttribute("missing", view.item().content(Assessment.class).missingForSignOff());
        model.addAttribute("history", records.history(requester, view.item().id()));
        model.addAttribute("errors", errors);
        return "assessment-sign-off";
    }

    private String form(
            Model model, PersonView person, ItemView view, AssessmentForm form, FormErrors errors, boolean stale) {
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("view", view);
        model.addAttribute("item", view == null ? null : view.item());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("stale", stale);
        return "assessment-form";
    }

    private PersonView person(Requester requester, String id) {
        PersonId person = PersonPages.parse(id).orElseThrow(PersonPages::notFound);
        try {
            return directory.read(requester, person).orElseThrow(PersonPages::notFound);
        } catch (AccessRefused refused) {
            throw PersonPages.notFound();
        }
    }

    private ItemView assessment(Requester requester, String ref) {
        ItemView view = recordPages.find(requester, ref);
        if (view.item().kind() != RecordKind.ASSESSMENT) {
            throw PersonPages.notFound();
        }
        return view;
    }

    /** The form's fields by their names on the page, bound by Spring. */
    static class AssessmentFields {
        private String version;
        private String personalDetails;
        private String ownView;
        private String outcomes;
        private String health;
        private String personalCare;
        private String domesticTasks;
        private String mobility;
        private String memory;
        private String carers;
        private String carersView;
        private String home;
        private String finances;
        private String risks;
        private String summary;
        private String eligibility;

        AssessmentForm form(String version) {
            return new AssessmentForm(
                    version,
                    personalDetails,
                    ownView,
                    outcomes,
                    health,
                    personalCare,
                    domesticTasks,
                    mobility,
                    memory,
                    carers,
                    carersView,
                    home,
                    finances,
                    risks,
                    summary,
                    eligibility);
        }

        public String getVersion() {
            return version;
        }

        public void setVersion(String version) {
            this.version = version;
        }

        public void setPersonalDetails(String value) {
            this.personalDetails = value;
        }

        public void setOwnView(String value) {
            this.ownView = value;
        }

        public void setOutcomes(String value) {
            this.outcomes = value;
        }

        public void setHealth(String value) {
            this.health = value;
        }

        public void setPersonalCare(String value) {
            this.personalCare = value;
        }

        public void setDomesticTasks(String value) {
            this.domesticTasks = value;
        }

        public void setMobility(String value) {
            this.mobility = value;
        }

        public void setMemory(String value) {
            this.memory = value;
        }

        public void setCarers(String value) {
            this.carers = value;
        }

        public void setCarersView(String value) {
            this.carersView = value;
        }

        public void setHome(String value) {
            this.home = value;
        }

        public void setFinances(String value) {
            this.finances = value;
        }

        public void setRisks(String value) {
            this.risks = value;
        }

        public void setSummary(String value) {
            this.summary = value;
        }

        public void setEligibility(String value) {
            this.eligibility = value;
        }
    }
}
