package org.ecarehub.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Duty;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.partnership.Team;
import org.ecarehub.protection.ProtectionRegister;
import org.ecarehub.protection.RegisterKeeperRefused;
import org.ecarehub.protection.RegisterRefused;
import org.ecarehub.protection.Registration;
import org.ecarehub.protection.RegistrationConcern;
import org.ecarehub.protection.RegistrationDraft;
import org.ecarehub.protection.RegistrationId;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A person's child protection registrations and the social worker's steps on them: registering a child, recording a
 * review, changing the lead social worker and de-registering. Every read and change goes through
 * {@link ProtectionRegister} with the signed-in member of staff's requester under {@code child-protection}, which the
 * page asks for with a justification as the protection messages do; who may keep the register, and each change, is the
 * protection module's to decide (decision 0028). A person the user may not see answers as a missing one.
 */
@Controller
class ProtectionRegisterPages {

    static final String BASE = "/people/{id}/protection-register";

    /** What the success banner names, by the query parameter the redirect after each step carries. */
    static final Map<String, String> DONE = Map.of(
            "registered", "The child is on the child protection register",
            "reviewed", "The review is recorded",
            "lead-changed", "The lead social worker is changed",
            "deregistered", "The child is off the child protection register");

    static final String NOT_A_KEEPER =
            "the register is kept by the council's social work services, under child protection";

    static final String STALE = "Someone changed this registration since you opened it. Nothing you entered was saved:"
            + " check the registration as it is now and make your change again";

    private final Workspace workspace;
    private final RecordWriting writing;
    private final ProtectionRegister register;
    private final Partnerships partnerships;
    private final Clock clock;

    ProtectionRegisterPages(
            Workspace workspace,
            RecordWriting writing,
            ProtectionRegister register,
            Partnerships partnerships,
            Clock clock) {
        this.workspace = workspace;
        this.writing = writing;
        this.register = register;
        this.partnerships = partnerships;
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The person's registrations

    @GetMapping(BASE)
    String show(
            @PathVariable("id") String id,
            @RequestParam Map<String, String> query,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = writing.person(practitioner.requester(), id);
        Optional<String> gate = gate(practitioner, person, model, response, "see the child protection register");
        if (gate.isPresent()) {
            return gate.get();
        }
        Requester.Staff requester = practitioner.requester();
        List<Registration> registrations = register.registrationsOf(requester, person.id());
        boolean keeps = register.keeps(requester);
        boolean onRegister = registrations.stream()
                .anyMatch(registration -> registration.active() && person.id().equals(registration.child()));
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("registrations", registrations);
        model.addAttribute(
                "register", new RegisterWords(new Names(partnerships.current().partnership())));
        model.addAttribute("mayChange", keeps && writing.mayAttempt(requester, Action.UPDATE, Category.PROTECTION));
        model.addAttribute(
                "mayRegister",
                !onRegister && keeps && writing.mayAttempt(requester, Action.CREATE, Category.PROTECTION));
        model.addAttribute(
                "done",
                query.keySet().stream()
                        .filter(DONE::containsKey)
                        .findFirst()
                        .map(DONE::get)
                        .orElse(null));
        return "protection-register";
    }

    /** Working under child protection from this page, with the justification the user gives, as on the purpose page. */
    @PostMapping(BASE + "/purpose")
    String choosePurpose(
            @PathVariable("id") String id,
            @RequestParam(name = "justification", required = false) String justification,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = writing.person(practitioner.requester(), id);
        if (!practitioner.allowed().contains(Purpose.CHILD_PROTECTION)) {
            return notAKeeper(model, response, "see the child protection register", person);
        }
        String reason = Forms.trimmed(justification);
        FormErrors errors = new FormErrors();
        if (reason == null) {
            errors.add("justification", "Say why you need to work under child protection");
        } else if (reason.length() > PurposePages.MAX_JUSTIFICATION) {
            errors.add(
                    "justification",
                    "Keep the justification to " + PurposePages.MAX_JUSTIFICATION + " characters or fewer");
        }
        if (errors.any()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return purposePage(model, person, errors, justification);
        }
        workspace.choose(session, Purpose.CHILD_PROTECTION, reason);
        return "redirect:" + path(person);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Registering a child

    @GetMapping(BASE + "/new")
    String initCreationForm(
            @PathVariable("id") String id,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = writing.person(practitioner.requester(), id);
        Optional<String> gate = keeping(practitioner, person, model, response, "register a child");
        if (gate.isPresent()) {
            return gate.get();
        }
        Username me = practitioner.caller().account().username();
        String lead = leads(practitioner.caller().account().agency()).stream()
                .filter(option -> option.user().equals(me))
                .map(LeadOption::value)
                .findFirst()
                .orElse(null);
        RegisterForm form = new RegisterForm(DateField.of(today()), Set.of(), lead, new DateField(null, null, null));
        return registerPage(model, practitioner, person, form, new FormErrors());
    }

    @PostMapping(BASE)
    String processCreationForm(
            @PathVariable("id") String id,
            @RequestParam(name = "registered-day", required = false) String registeredDay,
            @RequestParam(name = "registered-month", required = false) String registeredMonth,
            @RequestParam(name = "registered-year", required = false) String registeredYear,
            @RequestParam(name = "concerns", required = false) List<String> concerns,
            @RequestParam(name = "lead", required = false) String lead,
            @RequestParam(name = "next-day", required = false) String nextDay,
            @RequestParam(name = "next-month", required = false) String nextMonth,
            @RequestParam(name = "next-year", required = false) String nextYear,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = writing.person(practitioner.requester(), id);
        Optional<String> gate = keeping(practitioner, person, model, response, "register a child");
        if (gate.isPresent()) {
            return forbidden(response, gate.get());
        }
        Requester.Staff requester = practitioner.requester();
        RegisterForm form = new RegisterForm(
                new DateField(registeredDay, registeredMonth, registeredYear),
                concerns == null ? Set.of() : new LinkedHashSet<>(concerns),
                Forms.trimmed(lead),
                new DateField(nextDay, nextMonth, nextYear));
        FormErrors errors = new FormErrors();
        LocalDate today = today();
        Optional<LocalDate> registeredOn =
                past(form.registered(), "registered-day", "The date of the planning meeting", today, errors);
        Set<RegistrationConcern> chosen = EnumSet.noneOf(RegistrationConcern.class);
        for (String code : form.concerns()) {
            RegistrationConcern.fromCode(code).ifPresent(chosen::add);
        }
        if (chosen.isEmpty()) {
            errors.add("concerns", "Choose at least one category of concern");
        }
        Optional<LeadOption> chosenLead = lead(practitioner.caller().account().agency(), form.lead());
        if (chosenLead.isEmpty()) {
            errors.add("lead", "Choose the lead social worker and their team");
        }
        Optional<LocalDate> nextReview = real(form.next(), "next-day", "The date of the next review", errors);
        if (errors.any()) {
            return badInput(response, registerPage(model, practitioner, person, form, errors));
        }
        try {
            register.register(
                    requester,
                    RegistrationDraft.child(
                            person.id(),
                            registeredOn.get(),
                            chosen,
                            chosenLead.get().user(),
                            chosenLead.get().team(),
                            nextReview.get()));
            return "redirect:" + path(person) + "?registered";
        } catch (AccessRefused refused) {
            return writing.refused(model, response, "register this child", refused, person.id());
        } catch (RegisterKeeperRefused notAKeeper) {
            return notAKeeper(model, response, "register a child", person, notAKeeper);
        } catch (RegisterRefused refused) {
            errors.add(registerField(refused.getMessage()), Forms.sentence(refused.getMessage()));
            return badInput(response, registerPage(model, practitioner, person, form, errors));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Steps on a registration

    @GetMapping(BASE + "/{registration}/{step}")
    String initStepForm(
            @PathVariable("id") String id,
            @PathVariable("registration") String number,
            @PathVariable("step") String step,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Step chosen = Step.of(step).orElseThrow(PersonPages::notFound);
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = writing.person(practitioner.requester(), id);
        Optional<String> gate = keeping(practitioner, person, model, response, chosen.attempted);
        if (gate.isPresent()) {
            return gate.get();
        }
        Registration registration = registrationOf(practitioner.requester(), person, number);
        if (!registration.active()) {
            return "redirect:" + path(person);
        }
        StepForm form = new StepForm(
                String.valueOf(registration.version()),
                DateField.of(today()),
                new DateField(null, null, null),
                null,
                null);
        return stepPage(model, person, registration, chosen, form, new FormErrors(), false);
    }

    @PostMapping(BASE + "/{registration}/{step}")
    String processStepForm(
            @PathVariable("id") String id,
            @PathVariable("registration") String number,
            @PathVariable("step") String step,
            @RequestParam(name = "version", required = false) String version,
            @RequestParam(name = "on-day", required = false) String onDay,
            @RequestParam(name = "on-month", required = false) String onMonth,
            @RequestParam(name = "on-year", required = false) String onYear,
            @RequestParam(name = "next-day", required = false) String nextDay,
            @RequestParam(name = "next-month", required = false) String nextMonth,
            @RequestParam(name = "next-year", required = false) String nextYear,
            @RequestParam(name = "lead", required = false) String lead,
            @RequestParam(name = "reason", required = false) String reason,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Step chosen = Step.of(step).orElseThrow(PersonPages::notFound);
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = writing.person(practitioner.requester(), id);
        Optional<String> gate = keeping(practitioner, person, model, response, chosen.attempted);
        if (gate.isPresent()) {
            return forbidden(response, gate.get());
        }
        Requester.Staff requester = practitioner.requester();
        Registration registration = registrationOf(requester, person, number);
        StepForm form = new StepForm(
                Forms.trimmed(version),
                new DateField(onDay, onMonth, onYear),
                new DateField(nextDay, nextMonth, nextYear),
                Forms.trimmed(lead),
                Forms.trimmed(reason));
        FormErrors errors = new FormErrors();
        int expected = Forms.number(form.version());
        if (expected < 1) {
            errors.add("on-day", "The form is missing the version you opened; open the register page again");
        }
        Optional<LocalDate> on = past(form.on(), "on-day", chosen.dateLabel, today(), errors);
        Optional<LocalDate> next = Optional.empty();
        Optional<LeadOption> newLead = Optional.empty();
        switch (chosen) {
            case REVIEW -> next = real(form.next(), "next-day", "The date of the next review", errors);
            case LEAD -> {
                newLead = lead(registration.owner(), form.lead());
                if (newLead.isEmpty()) {
                    errors.add("lead", "Choose the new lead social worker and their team");
                }
            }
            case DEREGISTER -> {
                if (form.reason() == null) {
                    errors.add("reason", "Enter why the child is coming off the register");
                }
            }
        }
        if (errors.any()) {
            return badInput(response, stepPage(model, person, registration, chosen, form, errors, false));
        }
        try {
            switch (chosen) {
                case REVIEW -> register.review(requester, registration.id(), expected, on.get(), next.get());
                case LEAD ->
                    register.changeLead(
                            requester,
                            registration.id(),
                            expected,
                            newLead.get().user(),
                            newLead.get().team(),
                            on.get());
                case DEREGISTER -> register.deregister(requester, registration.id(), expected, on.get(), form.reason());
            }
            return "redirect:" + path(person) + "?" + chosen.done;
        } catch (AccessRefused refused) {
            return writing.refused(model, response, chosen.attempted, refused, person.id());
        } catch (RegisterKeeperRefused notAKeeper) {
            return notAKeeper(model, response, chosen.attempted, person, notAKeeper);
        } catch (RegisterRefused refused) {
            Registration current =
                    register.registration(requester, registration.id()).orElseThrow(PersonPages::notFound);
            if (current.version() != expected) {
                errors.add(chosen.field, STALE);
                response.setStatus(HttpStatus.CONFLICT.value());
                return stepPage(model, person, current, chosen, form.withVersion(current.version()), errors, true);
            }
            errors.add(chosen.fieldFor(refused.getMessage()), Forms.sentence(refused.getMessage()));
            return badInput(response, stepPage(model, person, current, chosen, form, errors, false));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The page to answer instead when the user may not work under child protection (403) or is not working under it
     * now (the page that asks for it); empty when they are.
     */
    private Optional<String> gate(
            Practitioner practitioner, PersonView person, Model model, HttpServletResponse response, String attempted) {
        if (!practitioner.allowed().contains(Purpose.CHILD_PROTECTION)) {
            return Optional.of(notAKeeper(model, response, attempted, person));
        }
        if (practitioner.purpose() != Purpose.CHILD_PROTECTION || practitioner.justification() == null) {
            return Optional.of(purposePage(model, person, new FormErrors(), null));
        }
        return Optional.empty();
    }

    /**
     * As {@link #gate}, and then the 403 page when the user does not keep the register at all (the protection module
     * says who does), before anything they typed is looked at.
     */
    private Optional<String> keeping(
            Practitioner practitioner, PersonView person, Model model, HttpServletResponse response, String attempted) {
        Optional<String> gate = gate(practitioner, person, model, response, attempted);
        if (gate.isPresent() || register.keeps(practitioner.requester())) {
            return gate;
        }
        return Optional.of(refusedPage(model, response, attempted, person, NOT_A_KEEPER));
    }

    private String purposePage(Model model, PersonView person, FormErrors errors, String justification) {
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("errors", errors);
        model.addAttribute("justification", justification);
        return "protection-register-purpose";
    }

    /** A change posted while not working under child protection saves nothing; the page asks for the purpose. */
    private static String forbidden(HttpServletResponse response, String view) {
        if (response.getStatus() < 400) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
        }
        return view;
    }

    private static String badInput(HttpServletResponse response, String view) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return view;
    }

    private String notAKeeper(Model model, HttpServletResponse response, String attempted, PersonView person) {
        return refusedPage(
                model,
                response,
                attempted,
                person,
                "your roles do not allow you to work under child protection, under which the register is read and"
                        + " kept");
    }

    private String notAKeeper(
            Model model,
            HttpServletResponse response,
            String attempted,
            PersonView person,
            RegisterKeeperRefused refused) {
        return refusedPage(model, response, attempted, person, refused.getMessage());
    }

    private static String refusedPage(
            Model model, HttpServletResponse response, String attempted, PersonView person, String reason) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("attempted", attempted);
        model.addAttribute("reason", Forms.sentence(reason));
        model.addAttribute("personId", person.id().value());
        return "protection-register-refused";
    }

    /** The registration of this person by its number, when the user may read it; any other answers as a missing one. */
    private Registration registrationOf(Requester requester, PersonView person, String number) {
        if (number == null || !number.matches("[1-9][0-9]{0,17}")) {
            throw PersonPages.notFound();
        }
        return register.registration(requester, new RegistrationId(Long.parseLong(number)))
                .filter(registration -> person.id().equals(registration.subject())
                        || person.id().equals(registration.child())
                        || person.id().equals(registration.mother()))
                .orElseThrow(PersonPages::notFound);
    }

    private String registerPage(
            Model model, Practitioner practitioner, PersonView person, RegisterForm form, FormErrors errors) {
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("concerns", RegistrationConcern.values());
        model.addAttribute(
                "register", new RegisterWords(new Names(partnerships.current().partnership())));
        model.addAttribute("leads", leads(practitioner.caller().account().agency()));
        return "protection-register-form";
    }

    private String stepPage(
            Model model,
            PersonView person,
            Registration registration,
            Step step,
            StepForm form,
            FormErrors errors,
            boolean stale) {
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("registration", registration);
        model.addAttribute(
                "register", new RegisterWords(new Names(partnerships.current().partnership())));
        model.addAttribute("step", step.verb);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("stale", stale);
        model.addAttribute(
                "leads",
                leads(registration.owner()).stream()
                        .filter(option -> !(option.user().equals(registration.leadSocialWorker())
                                && option.team().equals(registration.team())))
                        .toList());
        return "protection-register-step";
    }

    /**
     * Who may be named lead social worker for a registration the agency keeps: each active member of one of its teams
     * who holds a role with protection duties, once for each such team. The protection module checks the choice again.
     */
    List<LeadOption> leads(AgencyId agency) {
        Partnership partnership = partnerships.current().partnership();
        List<LeadOption> options = new ArrayList<>();
        for (Team team : partnership.teams()) {
            if (!team.agency().equals(agency)) {
                continue;
            }
            partnership.membersOf(team.id()).stream()
                    .filter(partnership::isActiveMember)
                    .filter(account ->
                            partnership.rolesOf(account).stream().anyMatch(role -> role.hasDuty(Duty.PROTECTION)))
                    .sorted(Comparator.comparing(StaffAccount::displayName))
                    .forEach(account -> options.add(
                            new LeadOption(account.username(), account.displayName(), team.id(), team.name())));
        }
        return List.copyOf(options);
    }

    private Optional<LeadOption> lead(AgencyId agency, String value) {
        return value == null
                ? Optional.empty()
                : leads(agency).stream()
                        .filter(option -> option.value().equals(value))
                        .findFirst();
    }

    /** A real date not after today, or empty with the field's error. */
    private static Optional<LocalDate> past(
            DateField field, String name, String label, LocalDate today, FormErrors errors) {
        Optional<LocalDate> date = real(field, name, label, errors);
        if (date.isPresent() && date.get().isAfter(today)) {
            errors.add(name, label + " must be today or in the past");
            return Optional.empty();
        }
        return date;
    }

    private static Optional<LocalDate> real(DateField field, String name, String label, FormErrors errors) {
        Optional<LocalDate> date = field.date();
        if (date.isEmpty()) {
            errors.add(name, label + " must be a real date, for example 27 3 2027");
        }
        return date;
    }

    /** The register form's field that the protection module's refusal is about. */
    static String registerField(String message) {
        String words = message == null ? "" : message.toLowerCase();
        if (words.contains("review")) {
            return "next-day";
        }
        if (words.contains("lead") || words.contains("team")) {
            return "lead";
        }
        if (words.contains("concern")) {
            return "concerns";
        }
        return "registered-day";
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Dates.PARTNERSHIP_ZONE));
    }

    private static String path(PersonView person) {
        return "/people/" + person.id().value() + "/protection-register";
    }

    /** One choice of lead social worker: a member of staff in one of their teams; public for the templates. */
    public record LeadOption(Username user, String name, TeamId team, String teamName) {

        /** The select's value: the username and the team, which neither contains. */
        public String value() {
            return user.value() + "|" + team.value();
        }

        public String label() {
            return name + ", " + teamName;
        }
    }

    /** The register form as typed; public for the templates. */
    public record RegisterForm(DateField registered, Set<String> concerns, String lead, DateField next) {

        public boolean chose(RegistrationConcern concern) {
            return concerns.contains(concern.code());
        }

        @Override
        public String toString() {
            return "RegisterForm[masked]";
        }
    }

    /** A step's form as typed: the version opened, the day, and what the step needs; public for the templates. */
    public record StepForm(String version, DateField on, DateField next, String lead, String reason) {

        StepForm withVersion(int current) {
            return new StepForm(String.valueOf(current), on, next, lead, reason);
        }

        @Override
        public String toString() {
            return "StepForm[masked]";
        }
    }

    /** A step the register page offers on an active registration. */
    enum Step {
        REVIEW("review", "record a review", "reviewed", "The date of the review", "next-day"),
        LEAD("lead", "change the lead social worker", "lead-changed", "The day the new lead takes over", "lead"),
        DEREGISTER("deregister", "de-register this child", "deregistered", "The date of de-registration", "reason");

        final String verb;
        final String attempted;
        final String done;
        final String dateLabel;
        final String field;

        Step(String verb, String attempted, String done, String dateLabel, String field) {
            this.verb = verb;
            this.attempted = attempted;
            this.done = done;
            this.dateLabel = dateLabel;
            this.field = field;
        }

        /** The field of this step's form that the protection module's refusal is about. */
        String fieldFor(String message) {
            String words = message == null ? "" : message.toLowerCase();
            return switch (this) {
                case REVIEW -> words.contains("next review") ? "next-day" : "on-day";
                case LEAD -> words.contains("dated") || words.contains("come before") ? "on-day" : "lead";
                case DEREGISTER -> words.contains("reason") ? "reason" : "on-day";
            };
        }

        static Optional<Step> of(String verb) {
            return Arrays.stream(values())
                    .filter(step -> step.verb.equals(verb))
                    .findFirst();
        }
    }
}
