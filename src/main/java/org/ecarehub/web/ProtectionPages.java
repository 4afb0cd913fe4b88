package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.Requester;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.Delivery;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.Team;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.protection.ConcernOutcome;
import org.ecarehub.protection.ConcernPerson;
import org.ecarehub.protection.ConcernPersonView;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.ProtectionMessageDraft;
import org.ecarehub.protection.ProtectionMessageForbidden;
import org.ecarehub.protection.ProtectionMessageId;
import org.ecarehub.protection.ProtectionMessageRefused;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.protection.Routing;
import org.ecarehub.protection.RoutingId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Protection messages: the inbox of the user's teams, one message with its routings, timeline and steps, and raising a
 * concern. Who may see and do what is the protection module's to decide; a message the user may not see answers as a
 * missing one, and a step on a routing that is not the user's answers 403 (decision 0032).
 */
@Controller
class ProtectionPages {

    /** Rows for people on the raise form: a household and its circle, as most concerns name. */
    static final int PEOPLE_ROWS = 8;

    static final int MAX_TEXT = 4000;

    static final String UNSEEN = "a person you may not see";

    /** For a person id not in the index and a person the user may not name alike. */
    static final String NOT_NAMEABLE =
            "Check the person ids: each must be a person in the index that you may raise a" + " concern about";

    private final Workspace workspace;
    private final ProtectionMessages messages;
    private final PersonDirectory directory;
    private final PersonIndex index;
    private final Deliveries deliveries;
    private final Partnerships partnerships;
    private final Clock clock;

    ProtectionPages(
            Workspace workspace,
            ProtectionMessages messages,
            PersonDirectory directory,
            PersonIndex index,
            Deliveries deliveries,
            Partnerships partnerships,
            Clock clock) {
        this.workspace = workspace;
        this.messages = messages;
        this.directory = directory;
        this.index = index;
        this.deliveries = deliveries;
        this.partnerships = partnerships;
        this.clock = clock;
    }

    @GetMapping("/protection")
    String inbox(Authentication authentication, HttpSession session, Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        if (!protecting(practitioner)) {
            return "protection-purpose";
        }
        Requester.Staff requester = practitioner.requester();
        Set<TeamId> mine = myTeams(practitioner);
        List<ProtectionMessageView> shown;
        try {
            shown = messages.inbox(requester);
        } catch (AccessRefused refused) {
            model.addAttribute("refused", refused.getMessage());
            shown = List.of();
        }
        Instant now = clock.instant();
        List<InboxRow> rows = new ArrayList<>();
        Map<PersonId, String> named = new LinkedHashMap<>();
        for (ProtectionMessageView message : shown) {
            Routing routing = message.routings().stream()
                    .filter(candidate -> mine.contains(candidate.team()))
                    .findFirst()
                    .orElse(null);
            rows.add(new InboxRow(
                    message, routing, routing != null && routing.overdue(now), peopleOf(requester, message, named)));
        }
        model.addAttribute("rows", rows);
        model.addAttribute(
                "teams",
                partnerships
                        .current()
                        .partnership()
                        .teamsOf(practitioner.caller().account()));
        return "protection-inbox";
    }

    @GetMapping("/protection/messages/{id}")
    String show(
            @PathVariable("id") String id,
            @RequestParam Map<String, String> query,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        if (!protecting(practitioner)) {
            // The same page whatever the id, so that it says nothing of which messages exist.
            return "protection-purpose";
        }
        ProtectionMessageView message = find(practitioner.requester(), id);
        model.addAttribute(
                "done",
                query.keySet().stream().filter(Step.DONE::contains).findFirst().orElse(null));
        return page(model, practitioner, message, new FormErrors(), null, null, null);
    }

    @PostMapping("/protection/messages/{id}/{step}")
    String step(
            @PathVariable("id") String id,
            @PathVariable("step") String step,
            @RequestParam(name = "routing", required = false) String routing,
            @RequestParam(name = "text", required = false) String text,
            @RequestParam(name = "outcome", required = false) String outcome,
            @RequestParam(name = "reason", required = false) String reason,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        Requester.Staff requester = practitioner.requester();
        ProtectionMessageView message = find(requester, id);
        Step chosen = Step.of(step).orElseThrow(PersonPages::notFound);
        FormErrors errors = new FormErrors();
        String words = Forms.trimmed(text);
        String why = Forms.trimmed(reason);
        Optional<ConcernOutcome> decided = outcome == null ? Optional.empty() : ConcernOutcome.fromCode(outcome);
        switch (chosen) {
            case ACKNOWLEDGE, ESCALATE -> {
                if (routingId(routing).isEmpty()) {
                    errors.add(chosen.field, "The form is missing the routing; open the message again");
                }
            }
            case REPLY -> {
                if (words == null) {
                    errors.add("text", "Enter your reply");
                } else if (words.length() > MAX_TEXT) {
                    errors.add("text", "The reply must be " + MAX_TEXT + " characters or fewer");
                }
            }
            case OUTCOME -> {
                if (decided.isEmpty()) {
                    errors.add("outcome", "Choose the outcome");
                } else if (decided.get().needsReason() && why == null) {
                    errors.add("reason", "Enter the reason for no further action");
                }
                if (why != null && why.length() > MAX_TEXT) {
                    errors.add("reason", "The reason must be " + MAX_TEXT + " characters or fewer");
                }
            }
            case CLOSE -> {}
        }
        if (errors.any()) {
            return page(model, practitioner, message, errors, words, outcome, why);
        }
        try {
            switch (chosen) {
                case ACKNOWLEDGE ->
                    messages.acknowledge(
                            requester, message.id(), routingId(routing).get());
                case ESCALATE ->
                    messages.escalate(
                            requester, message.id(), routingId(routing).get());
                case REPLY -> messages.reply(requester, message.id(), words);
                case OUTCOME -> messages.recordOutcome(requester, message.id(), decided.get(), why);
                case CLOSE -> messages.close(requester, message.id());
            }
        } catch (ProtectionMessageForbidden forbidden) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        } catch (AccessRefused refused) {
            errors.add(chosen.field, "You may not " + chosen.verb + " this message: " + refused.getMessage());
            return page(model, practitioner, message, errors, words, outcome, why);
        } catch (ProtectionMessageRefused refused) {
            errors.add(chosen.field, Forms.sentence(refused.getMessage()));
            return page(model, practitioner, find(requester, id), errors, words, outcome, why);
        }
        return "redirect:/protection/messages/" + message.id().value() + "?" + chosen.done;
    }

    @GetMapping("/protection/messages/new")
    String initCreationForm(
            @RequestParam(name = "about", required = false) String about,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        ProtectionForm form = ProtectionForm.about(Forms.trimmed(about), PEOPLE_ROWS);
        return form(model, practitioner, form, new FormErrors());
    }

    @PostMapping("/protection/messages")
    String processCreationForm(
            @RequestParam(name = "kind", required = false) String kind,
            @RequestParam(name = "priority", required = false) String priority,
            @RequestParam(name = "concern", required = false) String concern,
            @RequestParam(name = "justification", required = false) String justification,
            @RequestParam Map<String, String> fields,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        List<String> ids = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        for (int row = 1; row <= PEOPLE_ROWS; row++) {
            ids.add(Forms.trimmed(fields.get("person-" + row)));
            roles.add(Forms.trimmed(fields.get("role-" + row)));
        }
        ProtectionForm form = new ProtectionForm(kind, priority, concern, Forms.trimmed(justification), ids, roles);
        FormErrors errors = new FormErrors();
        Optional<ConcernKind> concernKind = ConcernKind.fromCode(kind == null ? "" : kind);
        Optional<ConcernPriority> concernPriority = ConcernPriority.fromCode(priority == null ? "" : priority);
        if (concernKind.isEmpty()) {
            errors.add("kind", "Choose whether the concern is about a child or an adult at risk");
        }
        if (concernPriority.isEmpty()) {
            errors.add("priority", "Choose the priority: urgent or standard");
        }
        String described = Forms.trimmed(concern);
        if (described == null) {
            errors.add("concern", "Describe the concern");
        } else if (described.length() < ProtectionMessageDraft.SHORTEST_CONCERN
                || described.length() > ProtectionMessageDraft.LONGEST_CONCERN) {
            errors.add(
                    "concern",
                    "The concern must have from " + ProtectionMessageDraft.SHORTEST_CONCERN + " to "
                            + ProtectionMessageDraft.LONGEST_CONCERN + " characters");
        }
        Requester.Staff requester = null;
        if (concernKind.isPresent()) {
            requester = protecting(practitioner, concernKind.get(), form.justification(), errors);
        }
        List<ConcernPerson> people = people(form, errors);
        if (!errors.any() && people.stream().anyMatch(named -> !current(named.person()))) {
            errors.add("person-1", NOT_NAMEABLE);
        }
        if (errors.any()) {
            return form(model, practitioner, form, errors);
        }
        if (!requester.equals(practitioner.requester())) {
            workspace.choose(session, requester.purpose(), requester.justification());
        }
        try {
            ProtectionMessageView raised = messages.raise(
                    requester, new ProtectionMessageDraft(concernKind.get(), concernPriority.get(), described, people));
            return "redirect:/protection/messages/" + raised.id().value() + "?raised";
        } catch (AccessRefused refused) {
            // One answer for a person not in the index and one the user may not name: the form must not tell them
            // apart.
            errors.add("person-1", NOT_NAMEABLE);
        } catch (ProtectionMessageRefused refused) {
            errors.add("person-1", Forms.sentence(refused.getMessage()));
        }
        return form(model, workspace.practitioner(authentication, session), form, errors);
    }

    /**
     * The requester to raise the concern as: the user under the kind's protection purpose, with the justification in
     * force or the one the form gives; null, with the error, when their roles do not allow it or no reason is given.
     */
    private static Requester.Staff protecting(
            Practitioner practitioner, ConcernKind kind, String justification, FormErrors errors) {
        Purpose needed = kind.purpose();
        if (!practitioner.allowed().contains(needed)) {
            errors.add(
                    "kind",
                    "Your roles do not allow you to work under "
                            + PurposeNames.INSTANCE.name(needed).toLowerCase());
            return null;
        }
        if (practitioner.purpose() == needed && practitioner.justification() != null && justification == null) {
            return practitioner.requester();
        }
        if (justification == null) {
            errors.add(
                    "justification",
                    "Say why you need to work under "
                            + PurposeNames.INSTANCE.name(needed).toLowerCase());
            return null;
        }
        if (justification.length() > PurposePages.MAX_JUSTIFICATION) {
            errors.add(
                    "justification",
                    "Keep the justification to " + PurposePages.MAX_JUSTIFICATION + " characters or fewer");
            return null;
        }
        return new Requester.Staff(practitioner.caller().account().username(), needed, justification);
    }

    /**
     * The people the form names, by id and role. Whether each is in the index and someone the user may name is the
     * protection module's to decide when the concern is raised: it refuses both with the same words here.
     */
    private List<ConcernPerson> people(ProtectionForm form, FormErrors errors) {
        List<ConcernPerson> people = new ArrayList<>();
        boolean subject = false;
        for (int row = 1; row <= PEOPLE_ROWS; row++) {
            String id = form.ids().get(row - 1);
            String role = form.roles().get(row - 1);
            if (id == null && role == null) {
                continue;
            }
            Optional<PersonId> person = PersonPages.parse(id);
            if (person.isEmpty()) {
                errors.add("person-" + row, "Enter the person id of person " + row + ", as the person's page shows it");
                continue;
            }
            Optional<ConcernRole> concernRole = ConcernRole.fromCode(role == null ? "" : role);
            if (concernRole.isEmpty()) {
                errors.add("role-" + row, "Choose the role of person " + row);
                continue;
            }
            if (people.stream().anyMatch(named -> named.person().equals(person.get()))) {
                errors.add("person-" + row, "Person " + row + " is already named; name each person once");
                continue;
            }
            subject |= concernRole.get() == ConcernRole.SUBJECT;
            people.add(ConcernPerson.of(person.get(), concernRole.get()));
        }
        if (!subject && !errors.any()) {
            errors.add("person-1", "Name at least one subject of the concern");
        }
        return people;
    }

    /** Protection messages are read and worked under a protection purpose, with its justification. */
    private static boolean protecting(Practitioner practitioner) {
        return practitioner.purpose() != null
                && Workspace.needsJustification(practitioner.purpose())
                && practitioner.justification() != null;
    }

    /** In the index now, under this id and not merged into another. */
    private boolean current(PersonId person) {
        return index.personNow(person).filter(person::equals).isPresent();
    }

    private String form(Model model, Practitioner practitioner, ProtectionForm form, FormErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", ConcernKind.values());
        model.addAttribute("priorities", ConcernPriority.values());
        model.addAttribute("roles", ConcernRole.values());
        model.addAttribute(
                "protecting",
                practitioner.purpose() != null
                        && Workspace.needsJustification(practitioner.purpose())
                        && practitioner.justification() != null);
        model.addAttribute("maySend", practitioner.allowed().stream().anyMatch(Workspace::needsJustification));
        return "protection-form";
    }

    private String page(
            Model model,
            Practitioner practitioner,
            ProtectionMessageView message,
            FormErrors errors,
            String text,
            String outcome,
            String reason) {
        Requester.Staff requester = practitioner.requester();
        Set<TeamId> mine = myTeams(practitioner);
        boolean senderSide =
                message.senderAgency().equals(practitioner.caller().account().agency());
        Instant now = clock.instant();
        model.addAttribute("message", message);
        model.addAttribute("people", peopleOf(requester, message, new LinkedHashMap<>()));
        model.addAttribute("mine", mine);
        model.addAttribute("senderSide", senderSide);
        model.addAttribute(
                "overdue",
                message.routings().stream()
                        .filter(routing -> routing.overdue(now))
                        .map(Routing::id)
                        .collect(Collectors.toSet()));
        model.addAttribute(
                "acknowledgeable",
                message.open()
                        ? message.routings().stream()
                                .filter(routing -> !routing.acknowledged() && mine.contains(routing.team()))
                                .toList()
                        : List.of());
        model.addAttribute(
                "escalatable",
                message.open()
                        ? message.routings().stream()
                                .filter(routing -> !routing.acknowledged())
                                .filter(routing ->
                                        routing.stage() != org.ecarehub.protection.EscalationStage.DUTY_OFFICER)
                                .filter(routing -> senderSide || mine.contains(routing.team()))
                                .toList()
                        : List.of());
        // The sender's side follows its message's deliveries; a receiving team sees its own routing instead.
        List<Delivery> sent = senderSide ? deliveries.deliveriesOf(message.id().focus()) : List.of();
        model.addAttribute("deliveries", sent);
        model.addAttribute("outcomes", ConcernOutcome.values());
        model.addAttribute("errors", errors);
        model.addAttribute("text", text);
        model.addAttribute("outcome", outcome);
        model.addAttribute("reason", reason);
        return "protection-message";
    }

    /** Each person named as the user may see them: by name, or withheld when the decision keeps them from the user. */
    private List<NamedPerson> peopleOf(
            Requester requester, ProtectionMessageView message, Map<PersonId, String> named) {
        List<NamedPerson> people = new ArrayList<>();
        for (ConcernPersonView person : message.people()) {
            if (person.withheld()) {
                people.add(new NamedPerson(null, null, person.role(), true));
                continue;
            }
            String name = named.computeIfAbsent(person.person(), id -> {
                try {
                    return directory
                            .read(requester, id)
                            .map(view -> PersonSummary.of(view).name())
                            .orElse(null);
                } catch (AccessRefused refused) {
                    return null;
                }
            });
            people.add(
                    name == null
                            ? new NamedPerson(null, null, person.role(), true)
                            : new NamedPerson(person.person().value(), name, person.role(), false));
        }
        return people;
    }

    private Set<TeamId> myTeams(Practitioner practitioner) {
        return partnerships
                .current()
                .partnership()
                .teamsOf(practitioner.caller().account())
                .stream()
                .map(Team::id)
                .collect(Collectors.toSet());
    }

    private ProtectionMessageView find(Requester requester, String id) {
        if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
            throw PersonPages.notFound();
        }
        return messages.find(requester, new ProtectionMessageId(Long.parseLong(id)))
                .orElseThrow(PersonPages::notFound);
    }

    private static Optional<RoutingId> routingId(String text) {
        if (text == null || !text.strip().matches("[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        return Optional.of(new RoutingId(Long.parseLong(text.strip())));
    }

    /** One row of the inbox: the message, the user's team's routing of it (null for the duty officer's), overdue. */
    public record InboxRow(ProtectionMessageView message, Routing routing, boolean overdue, List<NamedPerson> people) {}

    /** A person named in a message as the page shows them; {@code withheld} when the user may not see them. */
    public record NamedPerson(String id, String name, ConcernRole role, boolean withheld) {

        public String shown() {
            return withheld ? UNSEEN : name;
        }

        @Override
        public String toString() {
            return "NamedPerson[" + role + (withheld ? ", withheld" : "") + "]";
        }
    }

    /** A step the message page offers, with the field its errors belong to and the word its success banner uses. */
    enum Step {
        ACKNOWLEDGE("acknowledge", "acknowledge", "acknowledged"),
        ESCALATE("escalate", "escalate", "escalated"),
        REPLY("reply", "text", "replied"),
        OUTCOME("outcome", "outcome", "outcome-recorded"),
        CLOSE("close", "close", "closed");

        static final Set<String> DONE =
                Set.of("raised", "acknowledged", "escalated", "replied", "outcome-recorded", "closed");

        final String verb;
        final String field;
        final String done;

        Step(String verb, String field, String done) {
            this.verb = verb;
            this.field = field;
            this.done = done;
        }

        static Optional<Step> of(String verb) {
            return java.util.Arrays.stream(values())
                    .filter(step -> step.verb.equals(verb))
                    .findFirst();
        }
    }
}
