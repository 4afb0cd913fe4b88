package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.Explanation;
import org.ecarehub.access.Explanations;
import org.ecarehub.access.LawfulBasis;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.identity.PortalRefused;
import org.ecarehub.identity.RepresentativeRequests;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Role;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Who can see my record" and "people who act for me" (issue 8, items 5 and 6): the access module's explanation in
 * plain words, and the authorities over the person. Both are the decision's: the explanation is given only to whom the
 * decision lets read who is involved with the person, and this page shows the authorities only then too.
 */
@Controller
class PortalAccessPages {

    private final PortalViewer viewer;
    private final Explanations explanations;
    private final Representatives representatives;
    private final RepresentativeRequests requests;
    private final Partnerships partnerships;

    PortalAccessPages(
            PortalViewer viewer,
            Explanations explanations,
            Representatives representatives,
            RepresentativeRequests requests,
            Partnerships partnerships) {
        this.viewer = viewer;
        this.explanations = explanations;
        this.representatives = representatives;
        this.requests = requests;
        this.partnerships = partnerships;
    }

    @ModelAttribute("say")
    PortalSayWords say() {
        return PortalSayWords.INSTANCE;
    }

    @GetMapping("/portal/access")
    String whoCanSee(
            @RequestParam(name = "person", required = false) String person,
            Authentication authentication,
            HttpSession session,
            Model model) {
        PortalViewing viewing = viewer.viewing(authentication, session);
        Optional<Explanation> explanation =
                PortalConsentPages.asked(viewing, person).flatMap(id -> explanations.explain(viewing.requester(), id));
        Partnership partnership = partnerships.current().partnership();
        model.addAttribute("viewing", viewing);
        // The person themself reads "your key worker"; someone who acts for them, "their key worker".
        model.addAttribute("own", viewing.chosen().map(PortalChoice::own).orElse(true));
        model.addAttribute("explained", explanation.isPresent());
        model.addAttribute(
                "staff", explanation.map(found -> staff(partnership, found)).orElse(List.of()));
        model.addAttribute(
                "emergency",
                explanation.map(found -> emergency(partnership, found)).orElse(List.of()));
        model.addAttribute(
                "representatives",
                explanation
                        .map(found -> found.representatives().stream()
                                .map(view -> new RepresentativeLine(
                                        view.representative()
                                                .equals(viewing.account().boundTo()),
                                        view.kind(),
                                        view.categories()))
                                .toList())
                        .orElse(List.of()));
        return "portal-access";
    }

    @GetMapping("/portal/representatives")
    String actingFor(
            @RequestParam(name = "person", required = false) String person,
            Authentication authentication,
            HttpSession session,
            Model model) {
        PortalViewing viewing = viewer.viewing(authentication, session);
        return representativesPage(
                viewing, PortalConsentPages.asked(viewing, person), new FormErrors(), null, null, null, model);
    }

    /**
     * A request to add a representative, for the verification queue: it grants nothing until staff record and verify
     * the authority. Only for a person the account may choose; anyone else reads as nothing there.
     */
    @PostMapping("/portal/representatives")
    String requestRepresentative(
            @RequestParam(name = "person", required = false) String person,
            @RequestParam(name = "kind", required = false) String kind,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "reference", required = false) String reference,
            Authentication authentication,
            HttpSession session,
            Model model) {
        PortalViewing viewing = viewer.viewing(authentication, session);
        Optional<PersonId> about = PortalConsentPages.asked(viewing, person == null ? "" : person);
        FormErrors errors = new FormErrors();
        if (about.isEmpty()) {
            return representativesPage(viewing, about, errors, null, null, null, model);
        }
        Optional<Authority.Kind> chosen = List.of(Authority.Kind.values()).stream()
                .filter(one -> one.name().equals(kind))
                .findFirst();
        if (chosen.isEmpty()) {
            errors.add("kind", "Choose the kind of authority");
        }
        if (Forms.trimmed(name) == null) {
            errors.add("name", "Enter the representative's full name");
        }
        if (Forms.trimmed(reference) == null) {
            errors.add("reference", "Enter the reference of the document, such as the Public Guardian's number");
        }
        if (!errors.any()) {
            try {
                requests.request(
                        viewing.account().username(), about.get(), chosen.get().name(), name, reference);
                return "redirect:/portal/representatives?person=" + about.get().value() + "&requested";
            } catch (PortalRefused refused) {
                errors.add(
                        refused.getMessage().contains("name") ? "name" : "reference",
                        PortalPages.sentence(refused.getMessage()));
            }
        }
        return representativesPage(viewing, about, errors, kind, name, reference, model);
    }

    private String representativesPage(
            PortalViewing viewing,
            Optional<PersonId> asked,
            FormErrors errors,
            String kind,
            String name,
            String reference,
            Model model) {
        Optional<PersonId> about =
                asked.filter(id -> explanations.explain(viewing.requester(), id).isPresent());
        model.addAttribute("viewing", viewing);
        model.addAttribute("person", about.map(PersonId::value).orElse(null));
        model.addAttribute(
                "own", about.map(id -> id.equals(viewing.account().boundTo())).orElse(false));
        model.addAttribute(
                "authorities",
                about.map(id -> representatives.authoritiesOver(id).stream()
                                .map(held -> new AuthorityLine(
                                        held,
                                        held.representative()
                                                .equals(viewing.account().boundTo())))
                                .toList())
                        .orElse(List.of()));
        model.addAttribute(
                "requests",
                about.map(id -> requests.of(viewing.account().username(), id)).orElse(List.of()));
        model.addAttribute("kinds", List.of(Authority.Kind.values()));
        model.addAttribute("errors", errors);
        model.addAttribute("kind", kind);
        model.addAttribute("name", name);
        model.addAttribute("reference", reference);
        return "portal-representatives";
    }

    /** Staff grouped by agency, each by role and how they come to see the record, and what each agency's reaches. */
    private List<StaffLine> staff(Partnership partnership, Explanation explanation) {
        List<StaffLine> lines = new ArrayList<>();
        for (Explanation.StaffView view : explanation.staff()) {
            String roles = String.join(
                    ", ",
                    view.roles().stream()
                            .map(role -> partnership.role(role).map(Role::name).orElse(role.value()))
                            .toList());
            Map<AgencyId, ReachLine> reaches = new LinkedHashMap<>();
            for (Explanation.Reach reach : view.reaches()) {
                reaches.computeIfAbsent(
                                reach.owner(),
                                owner -> new ReachLine(
                                        agency(partnership, owner),
                                        EnumSet.noneOf(Category.class),
                                        EnumSet.noneOf(LawfulBasis.class)))
                        .add(reach);
            }
            lines.add(new StaffLine(
                    agency(partnership, view.agency()),
                    roles,
                    // The partnership's choice for the access history (decision 0036) holds here too.
                    partnership.governance().portalShowsStaffAccounts()
                            ? view.user().value()
                            : null,
                    view.through(),
                    List.copyOf(reaches.values())));
        }
        return lines;
    }

    private static List<EmergencyLine> emergency(Partnership partnership, Explanation explanation) {
        return explanation.emergency().stream()
                .map(view -> new EmergencyLine(
                        agency(partnership, view.agency()),
                        partnership
                                .role(view.role())
                                .map(Role::name)
                                .orElse(view.role().value()),
                        view.categories()))
                .toList();
    }

    private static String agency(Partnership partnership, AgencyId id) {
        return partnership.agency(id).map(Agency::name).orElse(id.value());
    }

    /**
     * One member of staff who could see the record.
     *
     * @param account the staff account, only where the partnership shows it; null otherwise
     */
    public record StaffLine(String agency, String roles, String account, String through, List<ReachLine> reaches) {}

    /** What of one agency's information a member of staff could read, and on which grounds. */
    public record ReachLine(String agency, Set<Category> categories, Set<LawfulBasis> bases) {

        void add(Explanation.Reach reach) {
            categories.add(reach.category());
            if (reach.basis() != null) {
                bases.add(reach.basis());
            }
        }
    }

    public record EmergencyLine(String agency, String role, List<Category> categories) {}

    /** A representative as the person is told: by the authority's kind, and whether it is the viewer. */
    public record RepresentativeLine(boolean you, Authority.Kind kind, List<Category> categories) {}

    /** An authority over the person, and whether the viewer holds it. */
    public record AuthorityLine(RepresentativeAuthority held, boolean you) {}
}
