package org.ecarehub.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordItem;
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
 * Adding a service a person receives, and ending one: ending is a correction that sets the last day and says why, so
 * the service keeps its history and shows as ended from that day.
 */
@Controller
class ServicePages {

    private final RecordWriting writing;
    private final Records records;
    private final Partnerships partnerships;
    private final Clock clock;

    ServicePages(RecordWriting writing, Records records, Partnerships partnerships, Clock clock) {
        this.writing = writing;
        this.records = records;
        this.partnerships = partnerships;
        this.clock = clock;
    }

    @GetMapping("/people/{id}/services/new")
    String initCreationForm(
            @PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        PersonView person = writing.person(writing.requester(authentication, session), id);
        DateField none = new DateField(null, null, null);
        return form(model, person, new ServiceForm(null, null, none, none, null, null, null), new FormErrors());
    }

    @PostMapping("/people/{id}/services")
    String processCreationForm(
            @PathVariable("id") String id,
            @RequestParam(name = "service", required = false) String service,
            @RequestParam(name = "provider", required = false) String provider,
            @RequestParam(name = "start-day", required = false) String startDay,
            @RequestParam(name = "start-month", required = false) String startMonth,
            @RequestParam(name = "start-year", required = false) String startYear,
            @RequestParam(name = "end-day", required = false) String endDay,
            @RequestParam(name = "end-month", required = false) String endMonth,
            @RequestParam(name = "end-year", required = false) String endYear,
            @RequestParam(name = "visits", required = false) String visits,
            @RequestParam(name = "frequency", required = false) String frequency,
            @RequestParam(name = "hours", required = false) String hours,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Requester.Staff requester = writing.requester(authentication, session);
        PersonView person = writing.person(requester, id);
        ServiceForm form = new ServiceForm(
                Forms.trimmed(service),
                Forms.trimmed(provider),
                new DateField(startDay, startMonth, startYear),
                new DateField(endDay, endMonth, endYear),
                Forms.trimmed(visits),
                Forms.trimmed(frequency),
                Forms.trimmed(hours));
        FormErrors errors = new FormErrors();
        Optional<ServiceProvision> provision =
                form.provision(partnerships.current().partnership(), errors);
        if (provision.isEmpty()) {
            return form(model, person, form, errors);
        }
        try {
            RecordItem added = records.add(requester, person.id(), ItemDraft.of(provision.get()));
            return "redirect:/records/" + added.id().reference() + "?added";
        } catch (AccessRefused refused) {
            return writing.refused(model, response, "add a service", refused, person.id());
        } catch (RecordRefused refused) {
            errors.add("service", Forms.sentence(refused.getMessage()));
            return form(model, person, form, errors);
        }
    }

    @GetMapping("/records/{ref}/end-service")
    String initEndForm(
            @PathVariable("ref") String ref, Authentication authentication, HttpSession session, Model model) {
        ItemView view = writing.item(writing.requester(authentication, session), ref, RecordKind.SERVICE_PROVISION);
        EndForm form = new EndForm(String.valueOf(view.item().version()), DateField.of(today()), null);
        return endPage(model, view, form, new FormErrors(), false);
    }

    @PostMapping("/records/{ref}/end-service")
    String processEndForm(
            @PathVariable("ref") String ref,
            @RequestParam(name = "version", required = false) String version,
            @RequestParam(name = "end-day", required = false) String endDay,
            @RequestParam(name = "end-month", required = false) String endMonth,
            @RequestParam(name = "end-year", required = false) String endYear,
            @RequestParam(name = "reason", required = false) String reason,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Requester.Staff requester = writing.requester(authentication, session);
        ItemView view = writing.item(requester, ref, RecordKind.SERVICE_PROVISION);
        EndForm form =
                new EndForm(Forms.trimmed(version), new DateField(endDay, endMonth, endYear), Forms.trimmed(reason));
        FormErrors errors = new FormErrors();
        ServiceProvision service = view.item().content(ServiceProvision.class);
        form.check(service, errors);
        if (errors.any()) {
            return endPage(model, view, form, errors, false);
        }
        try {
            ServiceProvision ended = new ServiceProvision(
                    service.service(),
                    service.provider(),
                    service.start(),
                    form.end().date().orElseThrow(),
                    service.visitsADay(),
                    service.frequency(),
                    service.hoursAWeek());
            records.correct(requester, view.item().id(), Forms.number(form.version()), ended, form.reason());
            return "redirect:/records/" + view.item().id().reference() + "?service-ended";
        } catch (StaleEdit stale) {
            ItemView current = writing.item(requester, ref, RecordKind.SERVICE_PROVISION);
            errors.add("end-day", Forms.STALE);
            return endPage(model, current, form.withVersion(current.item().version()), errors, true);
        } catch (AccessRefused refused) {
            return writing.refused(
                    model, response, "end this service", refused, view.item().person());
        } catch (RecordRefused refused) {
            errors.add("end-day", Forms.sentence(refused.getMessage()));
            return endPage(model, view, form, errors, false);
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Dates.PARTNERSHIP_ZONE));
    }

    private String form(Model model, PersonView person, ServiceForm form, FormErrors errors) {
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "agencies",
                partnerships.current().partnership().agencies().stream()
                        .filter(Agency::active)
                        .toList());
        return "service-form";
    }

    private String endPage(Model model, ItemView view, EndForm form, FormErrors errors, boolean stale) {
        model.addAttribute("view", view);
        model.addAttribute("item", view.item());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("stale", stale);
        return "service-end";
    }

    /** The service form as typed. */
    record ServiceForm(
            String service,
            String provider,
            DateField start,
            DateField end,
            String visits,
            String frequency,
            String hours) {

        Optional<ServiceProvision> provision(Partnership partnership, FormErrors errors) {
            if (service == null) {
                errors.add("service", "Enter the service, for example homecare");
            } else if (service.length() > 200) {
                errors.add("service", "The service must be 200 characters or fewer");
            }
            Optional<Agency> agency = Optional.ofNullable(provider)
                    .flatMap(code -> partnership.agencies().stream()
                            .filter(candidate ->
                                    candidate.active() && candidate.id().value().equals(code))
                            .findFirst());
            if (agency.isEmpty()) {
                errors.add("provider", "Choose the agency that provides the service");
            }
            if (start.date().isEmpty()) {
                errors.add("start-day", "The start date must be a real date, for example 27 3 2027");
            }
            if (!end.blank()) {
                if (end.date().isEmpty()) {
                    errors.add("end-day", "The end date must be a real date, for example 27 3 2027, or left empty");
                } else if (start.date().isPresent()
                        && end.date().get().isBefore(start.date().get())) {
                    errors.add("end-day", "The end date must be on or after the start date");
                }
            }
            Integer visitsADay = null;
            if (visits != null) {
                visitsADay = Forms.whole(visits, 1, 24);
                if (visitsADay == null) {
                    errors.add("visits", "Visits a day must be a whole number from 1 to 24");
                }
            } else if (frequency == null) {
                errors.add("visits", "Enter visits a day or how often the service is given");
            }
            if (frequency != null && frequency.length() > 200) {
                errors.add("frequency", "How often must be 200 characters or fewer");
            }
            BigDecimal hoursAWeek = Forms.decimal(hours);
            if (hoursAWeek == null || hoursAWeek.compareTo(BigDecimal.valueOf(168)) > 0) {
                errors.add("hours", "Hours a week must be a number from 0 to 168");
            }
            if (errors.any()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ServiceProvision(
                        service,
                        agency.get().id(),
                        start.date().get(),
                        end.date().orElse(null),
                        visitsADay,
                        frequency,
                        hoursAWeek));
            } catch (RecordRefused refused) {
                errors.add("service", Forms.sentence(refused.getMessage()));
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return "ServiceForm[masked]";
        }
    }

    /** The end-of-service form as typed: the version opened, the last day and why. */
    record EndForm(String version, DateField end, String reason) {

        void check(ServiceProvision service, FormErrors errors) {
            if (Forms.number(version) < 1) {
                errors.add("end-day", "The form is missing the version you opened; open the service again");
            }
            if (end.date().isEmpty()) {
                errors.add("end-day", "The last day must be a real date, for example 27 3 2027");
            } else if (end.date().get().isBefore(service.start())) {
                errors.add(
                        "end-day",
                        "The last day must be on or after the day the service started, " + Dates.day(service.start()));
            }
            if (reason == null) {
                errors.add("reason", "Enter why the service ends");
            } else if (reason.length() > RecordPages.MAX_REASON) {
                errors.add("reason", "The reason must be " + RecordPages.MAX_REASON + " characters or fewer");
            }
        }

        EndForm withVersion(int current) {
            return new EndForm(String.valueOf(current), end, reason);
        }

        @Override
        public String toString() {
            return "EndForm[masked]";
        }
    }
}
