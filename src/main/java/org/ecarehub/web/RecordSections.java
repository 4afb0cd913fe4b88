package org.ecarehub.web;

import java.util.List;
import org.ecarehub.access.Requester;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.PersonRecord;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.Records;
import org.ecarehub.request.ServiceRequests;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Fills the sections of a person's page from the shared record and their service requests. What the user may see
 * is what {@link Records#summary} and {@link ServiceRequests#forPerson} return, each item with the decision that allowed
 * it; this class only sorts what came back into the page's sections.
 */
@Component
class RecordSections {

    private final ServiceRequests requests;
    private final RecordWriting writing;

    RecordSections(ServiceRequests requests, RecordWriting writing) {
        this.requests = requests;
        this.writing = writing;
    }

    void addTo(Model model, Requester requester, PersonRecord record) {
        List<ItemView> alerts = record.ofKind(RecordKind.ALERT).stream()
                .filter(view -> view.item().status() == ItemStatus.ACTIVE)
                .toList();
        model.addAttribute(
                "protectionFlags",
                alerts.stream().filter(RecordSections::childProtection).toList());
        model.addAttribute(
                "alerts", alerts.stream().filter(view -> !childProtection(view)).toList());
        List<ItemView> assessments = record.ofKind(RecordKind.ASSESSMENT);
        model.addAttribute("currentAssessments", withStatus(assessments, ItemStatus.SIGNED));
        model.addAttribute("draftAssessments", withStatus(assessments, ItemStatus.DRAFT));
        model.addAttribute("supersededAssessments", withStatus(assessments, ItemStatus.SUPERSEDED));
        model.addAttribute("plans", record.ofKind(RecordKind.CARE_PLAN));
        model.addAttribute("services", record.ofKind(RecordKind.SERVICE_PROVISION));
        model.addAttribute("documents", record.ofKind(RecordKind.DOCUMENT));
        model.addAttribute("requests", requests.forPerson(requester, record.person()));
        // The "Add ..." links are offered where the decision point's rules 1 to 3 let the user try; the write decides.
        model.addAttribute("mayAdd", writing.mayAdd(requester));
    }

    static boolean childProtection(ItemView view) {
        return view.item().content() instanceof Alert alert && alert.type() == AlertType.CHILD_PROTECTION;
    }

    private static List<ItemView> withStatus(List<ItemView> views, ItemStatus status) {
        return views.stream().filter(view -> view.item().status() == status).toList();
    }
}
