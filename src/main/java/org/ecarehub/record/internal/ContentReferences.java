package org.ecarehub.record.internal;

import java.util.Optional;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.partnership.Team;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertContact;
import org.ecarehub.record.CarePlan;
import org.ecarehub.record.CarePlanAction;
import org.ecarehub.record.CarePlanReview;
import org.ecarehub.record.RecordContent;
import org.ecarehub.record.RecordRefused;
import org.ecarehub.record.ServiceProvision;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * The agencies, teams and staff accounts that content names must be the partnership's, and a team or account named
 * with an agency must belong to it: a plan that gives an action to a team nobody can find helps nobody.
 */
final class ContentReferences {

    private ContentReferences() {}

    static void check(Partnership partnership, RecordContent content) {
        if (content instanceof Alert alert && alert.contact() != null) {
            AlertContact contact = alert.contact();
            staff(partnership, contact.staff(), null, "the alert's contact");
            team(partnership, contact.team(), null, "the alert's contact");
        } else if (content instanceof CarePlan plan) {
            for (int i = 0; i < plan.actions().size(); i++) {
                CarePlanAction action = plan.actions().get(i);
                String field = "action " + (i + 1);
                agency(partnership, action.agency(), field);
                team(partnership, action.team(), action.agency(), field);
                staff(partnership, action.staff(), action.agency(), field);
            }
            for (int i = 0; i < plan.reviews().size(); i++) {
                CarePlanReview review = plan.reviews().get(i);
                staff(partnership, review.by(), null, "review " + (i + 1));
            }
        } else if (content instanceof ServiceProvision service) {
            agency(partnership, service.provider(), "the service's provider");
        }
    }

    private static void agency(Partnership partnership, AgencyId agency, String field) {
        if (partnership.agency(agency).isEmpty()) {
            throw new RecordRefused(field + " names " + agency.value() + ", which is not an agency of the partnership");
        }
    }

    private static void team(Partnership partnership, TeamId team, AgencyId agency, String field) {
        if (team == null) {
            return;
        }
        Optional<Team> found = partnership.team(team);
        if (found.isEmpty()) {
            throw new RecordRefused(field + " names " + team.value() + ", which is not a team of the partnership");
        }
        if (agency != null && !found.get().agency().equals(agency)) {
            throw new RecordRefused(field + " names team " + team.value() + ", which is not of " + agency.value());
        }
    }

    private static void staff(Partnership partnership, Username user, AgencyId agency, String field) {
        if (user == null) {
            return;
        }
        Optional<StaffAccount> found = partnership.staff(user);
        if (found.isEmpty()) {
            throw new RecordRefused(
                    field + " names " + user.value() + ", which is not a staff account of the partnership");
        }
        if (agency != null && !found.get().agency().equals(agency)) {
            throw new RecordRefused(field + " names " + user.value() + ", who is not of " + agency.value());
        }
    }
}
