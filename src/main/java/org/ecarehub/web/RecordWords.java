package org.ecarehub.web;

import java.time.LocalDate;
import java.util.List;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Team;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.CarePlan;
import org.ecarehub.record.Document;
import org.ecarehub.record.EligibilityBand;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordContent;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.ServiceProvision;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/** The shared record's and service requests' codes in words for the pages, and the partnership's team names. */
public record RecordWords(Partnership partnership) {

    public String team(TeamId id) {
        return id == null ? "" : partnership.team(id).map(Team::name).orElse(id.value());
    }

    public String staff(Username user) {
        return user == null ? "the agency's system" : new Names(partnership).staff(user);
    }

    public String day(LocalDate date) {
        return Dates.day(date);
    }

    public String time(java.time.Instant instant) {
        return Dates.time(instant);
    }

    public String kind(RecordKind kind) {
        return switch (kind) {
            case ALERT -> "Alert";
            case ASSESSMENT -> "Single Shared Assessment";
            case CARE_PLAN -> "Care plan";
            case SERVICE_PROVISION -> "Service";
            case DOCUMENT -> "Document";
        };
    }

    public String status(ItemStatus status) {
        return switch (status) {
            case ACTIVE -> "Active";
            case ENDED -> "Ended";
            case DRAFT -> "Draft";
            case SIGNED -> "Signed";
            case SUPERSEDED -> "Superseded";
        };
    }

    public String alertType(AlertType type) {
        return switch (type) {
            case RISK_TO_VISITING_STAFF -> "Risk to visiting staff";
            case COMMUNICATION_NEEDS -> "Communication needs";
            case ALLERGY -> "Allergy";
            case CHILD_PROTECTION -> "Child protection";
            case OTHER -> "Other";
        };
    }

    public String band(EligibilityBand band) {
        return band == null ? "Not decided" : capitalised(band.code());
    }

    public String requestStatus(ServiceRequestStatus status) {
        return capitalised(status.code().replace('-', ' '));
    }

    public String requestKind(ServiceRequestDetails details) {
        return details instanceof ServiceRequestDetails.Homecare ? "Homecare" : "Aids and adaptations";
    }

    /** What a request asks for, in a line: the equipment's names, or the homecare's hours and visits. */
    public String asked(ServiceRequestDetails details) {
        if (details instanceof ServiceRequestDetails.Homecare homecare) {
            return homecare.hoursPerWeek().stripTrailingZeros().toPlainString() + " hours a week, "
                    + homecare.visitsPerDay() + (homecare.visitsPerDay() == 1 ? " visit" : " visits") + " a day, from "
                    + Dates.day(homecare.startDay());
        }
        ServiceRequestDetails.AidsAndAdaptations aids = (ServiceRequestDetails.AidsAndAdaptations) details;
        return String.join(
                ", ",
                aids.equipment().stream()
                        .map(org.ecarehub.request.Equipment::plainName)
                        .toList());
    }

    /** An item in a line, for lists and headings: what it is, without more than its own content says. */
    public String title(RecordItem item) {
        RecordContent content = item.content();
        if (content instanceof Alert alert) {
            return alertType(alert.type()) + ": " + alert.text();
        }
        if (content instanceof Assessment assessment) {
            return "Single Shared Assessment"
                    + (assessment.eligibility() == null ? "" : ", eligibility " + band(assessment.eligibility()));
        }
        if (content instanceof CarePlan plan) {
            return "Care plan, review by " + Dates.day(plan.reviewDate());
        }
        if (content instanceof ServiceProvision service) {
            return service.service() + " from " + new Names(partnership).agency(service.provider());
        }
        return ((Document) content).title();
    }

    /** The marks a page puts on an item: shared without consent, seen under break-glass. */
    public List<String> marks(ItemView view) {
        List<String> marks = new java.util.ArrayList<>();
        if (view.sharedWithoutConsent()) {
            marks.add("Shared without consent");
        }
        if (view.underBreakGlass()) {
            marks.add("Seen under break-glass");
        }
        return marks;
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
