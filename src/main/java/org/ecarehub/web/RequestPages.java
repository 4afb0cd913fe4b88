package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.partnership.Team;
import org.ecarehub.record.Assessments;
import org.ecarehub.record.ItemView;
import org.ecarehub.request.Equipment;
import org.ecarehub.request.HomecareTask;
import org.ecarehub.request.ServiceRequestDraft;
import org.ecarehub.request.ServiceRequestId;
import org.ecarehub.request.ServiceRequestRefused;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.ServiceRequestView;
import org.ecarehub.request.ServiceRequests;
import org.ecarehub.request.StaleServiceRequest;
import org.ecarehub.shared.PersonId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Service requests: asking for homecare or for aids and adaptations, following a request through its steps, and the
 * list of requests addressed to the user's teams. Each step is a POST naming the request and the version the user saw;
 * who may take which step, and what the user may see, is the request module's to decide.
 */
@Controller
class RequestPages {

    static final int MAX_REASON = 1000;

    private final Workspace workspace;
    private final ServiceRequests requests;
    private final Assessments assessments;
    private final PersonDirectory directory;
    private final Partnerships partnerships;
    private final Clock clock;

    RequestPages(
            Workspace workspace,
            ServiceRequests requests,
            Assessments assessments,
            PersonDirectory directory,
            Partnerships partnerships,
            Clock clock) {
        this.workspace = workspace;
        this.requests = requests;
        this.assessments = assessments;
        this.directory = directory;
        this.partnerships = partnerships;
        this.clock = clock;
    }

    @GetMapping("/people/{id}/requests/{kind}")
    String initCreationForm(
            @PathVariable("id") String id,
            @PathVariable("kind") String kind,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Requester.Staff requester =
                workspace.practitioner(authentication, session).requester();
        PersonView person = person(requester, id);
        return form(model, requester, person, RequestForm.empty(knownKind(kind)), new FormErrors());
    }

    @PostMapping("/people/{id}/requests/{kind}")
    String processCreationForm(
            @PathVariable("id") String id,
            @PathVariable("kind") String kind,
            @RequestParam(name = "team", required = false) String team,
            @RequestParam(name = "priority", required = false) String priority,
            @RequestParam(name = "hours", required = false) String hours,
            @RequestParam(name = "visits", required = false) String visits,
            @RequestParam(name = "tasks", required = false) List<String> tasks,
            @RequestParam(name = "start-day", required = false) String startDay,
            @RequestParam(name = "start-month", required = false) String startMonth,
            @RequestParam(name = "start-year", required = false) String startYear,
            @RequestParam(name = "equipment", required = false) List<String> equipment,
            @RequestParam(name = "assessment", required = false) String assessment,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Requester.Staff requester =
                workspace.practitioner(authentication, session).requester();
        PersonView person = person(requester, id);
        RequestForm form = new RequestForm(
                knownKind(kind),
                team,
                priority,
                hours,
                visits,
                tasks,
                new DateField(startDay, startMonth, startYear),
                equipment,
                assessment);
        FormErrors errors = new FormErrors();
        List<String> offered = form.homecare()
                ? List.of()
                : assessmentsOf(requester, person.id()).stream()
                        .map(view -> view.item().id().reference())
                        .toList();
        Optional<ServiceRequestDraft> draft = form.draft(person.id(), offered, today(), errors);
        if (draft.isEmpty()) {
            return form(model, requester, person, form, errors);
        }
        try {
            ServiceRequestView submitted = requests.submit(requester, draft.get());
            return "redirect:/requests/" + submitted.id().value() + "?submitted";
        } catch (AccessRefused refused) {
            errors.add("team", "You may not ask for this: " + refused.getMessage());
        } catch (ServiceRequestRefused refused) {
            errors.add("team", Forms.sentence(refused.getMessage()));
        }
        return form(model, requester, person, form, errors);
    }

    @GetMapping("/requests/{id}")
    String show(
            @PathVariable("id") String id,
            @RequestParam Map<String, String> query,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        ServiceRequestView request = find(practitioner.requester(), id);
        model.addAttribute(
                "done",
                query.containsKey("submitted")
                        || java.util.Arrays.stream(Step.values()).anyMatch(step -> query.containsKey(step.done)));
        return page(model, practitioner, request, new FormErrors(), null, null, false);
    }

    @PostMapping("/requests/{id}/{step}")
    String step(
            @PathVariable("id") String id,
            @PathVariable("step") String step,
            @RequestParam(name = "request", required = false) String named,
            @RequestParam(name = "version", required = false) String version,
            @RequestParam(name = "reason", required = false) String reason,
            @RequestParam(name = "day-day", required = false) String day,
            @RequestParam(name = "day-month", required = false) String month,
            @RequestParam(name = "day-year", required = false) String year,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        Requester.Staff requester = practitioner.requester();
        ServiceRequestView request = find(requester, id);
        Step chosen = Step.of(step).orElseThrow(PersonPages::notFound);
        FormErrors errors = new FormErrors();
        DateField scheduled = new DateField(day, month, year);
        String why = Forms.trimmed(reason);
        if (!String.valueOf(request.id().value()).equals(Forms.trimmed(named))) {
            // A form sent to another request's address must not move that request: the user saw a different one.
            errors.add(
                    chosen.field,
                    "This form was for another request, not this one. Nothing was changed: check this request and"
                            + " try again");
            return page(model, practitioner, request, errors, why, scheduled, false);
        }
        int expected = Forms.number(version);
        if (expected < 1) {
            errors.add(chosen.field, "The form is missing the version you saw; open the request again");
        }
        if (chosen == Step.DECLINE) {
            if (why == null) {
                errors.add("reason", "Enter the reason for declining the request");
            } else if (why.length() > MAX_REASON) {
                errors.add("reason", "The reason must be " + MAX_REASON + " characters or fewer");
            }
        }
        if (chosen == Step.SCHEDULE) {
            if (scheduled.date().isEmpty()) {
                errors.add("day-day", "The date must be a real date, for example 27 3 2027");
            } else if (scheduled.date().get().isBefore(today())) {
                errors.add("day-day", "The date must be today or later");
            }
        }
        if (errors.any()) {
            return page(model, practitioner, request, errors, why, scheduled, false);
        }
        ServiceRequestId requestId = request.id();
        try {
            switch (chosen) {
                case ACCEPT -> requests.accept(requester, requestId, expected);
                case DECLINE -> requests.decline(requester, requestId, expected, why);
                case SCHEDULE ->
                    requests.schedule(
                            requester, requestId, expected, scheduled.date().get());
                case START -> requests.start(requester, requestId, expected);
                case COMPLETE -> requests.complete(requester, requestId, expected);
                case CANCEL -> requests.cancel(requester, requestId, expected);
            }
        } catch (StaleServiceRequest stale) {
            errors.add(chosen.field, Forms.STALE);
            return page(model, practitioner, find(requester, id), errors, why, scheduled, true);
        } catch (AccessRefused refused) {
            errors.add(chosen.field, "You may not " + chosen.verb + " this request: " + refused.getMessage());
            return page(model, practitioner, request, errors, why, scheduled, false);
        } catch (ServiceRequestRefused refused) {
            errors.add(chosen.field, Forms.sentence(refused.getMessage()));
            return page(model, practitioner, find(requester, id), errors, why, scheduled, false);
        }
        return "redirect:/requests/" + requestId.value() + "?" + chosen.done;
    }

    @GetMapping("/requests")
    String forMyTeams(Authentication authentication, HttpSession session, Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        Requester.Staff requester = practitioner.requester();
        List<ServiceRequestView> mine;
        try {
            mine = requests.forMyTeams(requester);
        } catch (AccessRefused refused) {
            model.addAttribute("refused", refused.getMessage());
            mine = List.of();
        }
        model.addAttribute("requests", mine);
        model.addAttribute("people", peopleNamed(requester, mine));
        model.addAttribute(
                "teams",
                partnerships
                        .current()
                        .partnership()
                        .teamsOf(practitioner.caller().account()));
        return "requests";
    }

    private String page(
            Model model,
            Practitioner practitioner,
            ServiceRequestView request,
            FormErrors errors,
            String reason,
            DateField day,
            boolean stale) {
        Partnership partnership = partnerships.current().partnership();
        boolean provider = partnership.teamsOf(practitioner.caller().account()).stream()
                .anyMatch(team -> team.id().equals(request.team()));
        model.addAttribute("request", request);
        model.addAttribute(
                "personName",
                peopleNamed(practitioner.requester(), List.of(request)).get(request.person()));
        model.addAttribute("steps", Step.offered(request.status(), provider));
        model.addAttribute("errors", errors);
        model.addAttribute("reason", reason);
        model.addAttribute("day", day);
        model.addAttribute("stale", stale);
        return "request";
    }

    private String form(Model model, Requester requester, PersonView person, RequestForm form, FormErrors errors) {
        Partnership partnership = partnerships.current().partnership();
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "teams",
                partnership.teams().stream()
                        .sorted(Comparator.comparing(Team::name))
                        .toList());
        model.addAttribute("priorities", RequestPriority.values());
        model.addAttribute("tasks", HomecareTask.values());
        model.addAttribute("catalogue", Equipment.values());
        model.addAttribute("assessments", form.homecare() ? List.of() : assessmentsOf(requester, person.id()));
        return "request-form";
    }

    /** The person's assessments the user may see, to choose the one behind a request for aids and adaptations. */
    private List<ItemView> assessmentsOf(Requester requester, PersonId person) {
        return assessments.of(requester, person);
    }

    /** The people of the requests by name, as the directory lets the user see them; absent when it does not. */
    private Map<PersonId, String> peopleNamed(Requester requester, List<ServiceRequestView> shown) {
        Map<PersonId, String> named = new LinkedHashMap<>();
        for (ServiceRequestView request : shown) {
            if (!named.containsKey(request.person())) {
                String name;
                try {
                    name = directory
                            .read(requester, request.person())
                            .map(view -> PersonSummary.of(view).name())
                            .orElse("A person you may not see");
                } catch (AccessRefused refused) {
                    name = "A person you may not see";
                }
                named.put(request.person(), name);
            }
        }
        return named;
    }

    private ServiceRequestView find(Requester requester, String id) {
        if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
            throw PersonPages.notFound();
        }
        return requests.find(requester, new ServiceRequestId(Long.parseLong(id)))
                .orElseThrow(PersonPages::notFound);
    }

    private PersonView person(Requester requester, String id) {
        PersonId person = PersonPages.parse(id).orElseThrow(PersonPages::notFound);
        try {
            return directory.read(requester, person).orElseThrow(PersonPages::notFound);
        } catch (AccessRefused refused) {
            throw PersonPages.notFound();
        }
    }

    private static String knownKind(String kind) {
        if (RequestForm.HOMECARE.equals(kind) || RequestForm.AIDS.equals(kind)) {
            return kind;
        }
        throw PersonPages.notFound();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Dates.PARTNERSHIP_ZONE));
    }

    /** A step a page offers, with the field its errors belong to and the word its success banner uses. */
    enum Step {
        ACCEPT("accept", "accept", "accepted", ServiceRequestStatus.ACCEPTED, true),
        DECLINE("decline", "reason", "declined", ServiceRequestStatus.DECLINED, true),
        SCHEDULE("schedule", "day-day", "scheduled", ServiceRequestStatus.SCHEDULED, true),
        START("start", "start", "started", ServiceRequestStatus.IN_PROGRESS, true),
        COMPLETE("complete", "complete", "completed", ServiceRequestStatus.COMPLETED, true),
        CANCEL("cancel", "cancel", "cancelled", ServiceRequestStatus.CANCELLED, false);

        final String verb;
        final String field;
        final String done;
        final ServiceRequestStatus to;
        final boolean providerSide;

        Step(String verb, String field, String done, ServiceRequestStatus to, boolean providerSide) {
            this.verb = verb;
            this.field = field;
            this.done = done;
            this.to = to;
            this.providerSide = providerSide;
        }

        public String verb() {
            return verb;
        }

        static Optional<Step> of(String verb) {
            return java.util.Arrays.stream(values())
                    .filter(step -> step.verb.equals(verb))
                    .findFirst();
        }

        /**
         * The steps worth offering: those the status allows, on the user's side of the request. The request module
         * still decides every step; this only spares the user buttons that could only be refused.
         */
        static List<String> offered(ServiceRequestStatus status, boolean provider) {
            return java.util.Arrays.stream(values())
                    .filter(step -> status.mayBecome(step.to))
                    .filter(step -> step.providerSide == provider)
                    .map(Step::verb)
                    .toList();
        }
    }
}
