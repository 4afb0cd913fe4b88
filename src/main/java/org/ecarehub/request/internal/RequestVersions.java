package org.ecarehub.request.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ecarehub.request.ServiceRequestStep;
import org.ecarehub.request.ServiceRequestView;

/**
 * A request's versions, rebuilt from its steps: each step is stored once and never changed, so the request as it stood
 * after step N is what the first N steps say, and nothing else about it (what was asked, of whom, by when) ever
 * changes.
 */
final class RequestVersions {

    private RequestVersions() {}

    /**
     * The request after each of its steps, the first first; the last is the request as read. A version before the last
     * is overdue when it was still open past its due day on the day the next step replaced it, so that a version, once
     * replaced, reads the same whenever it is read.
     */
    static List<ServiceRequestView> of(ServiceRequestView latest) {
        List<ServiceRequestStep> steps = latest.history();
        List<ServiceRequestView> versions = new ArrayList<>();
        LocalDate scheduledDay = null;
        for (int i = 0; i < steps.size(); i++) {
            ServiceRequestStep step = steps.get(i);
            if (step.version() == latest.version()) {
                break;
            }
            if (step.scheduledDay() != null) {
                scheduledDay = step.scheduledDay();
            }
            LocalDate replaced = i + 1 < steps.size()
                    ? LocalDate.ofInstant(steps.get(i + 1).at(), StoredServiceRequests.PARTNERSHIP_ZONE)
                    : null;
            versions.add(new ServiceRequestView(
                    latest.id(),
                    latest.person(),
                    latest.details(),
                    latest.priority(),
                    latest.team(),
                    latest.requestingAgency(),
                    latest.requestedBy(),
                    step.status(),
                    step.version(),
                    latest.submittedAt(),
                    latest.dueDay(),
                    scheduledDay,
                    replaced != null && Lifecycle.overdue(step.status(), latest.dueDay(), replaced),
                    steps.subList(0, i + 1)));
        }
        versions.add(latest);
        return List.copyOf(versions);
    }
}
