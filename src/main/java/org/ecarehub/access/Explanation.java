package org.ecarehub.access;

import java.time.LocalDate;
import java.util.List;
import org.ecarehub.consent.Authority;
import org.ecarehub.partnership.Category;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.RoleId;
import org.ecarehub.shared.Username;

/**
 * Who could see a person's record today, and why (issue 5, item 7): each member of staff reached through a
 * relationship or a break-glass grant, with the categories of each agency's information the policy would let them
 * read and on what ground; the roles that reach the emergency basics of anyone in unscheduled care; and each
 * representative with the categories their authority covers. Worked out by the same decision point that decides every
 * access, under the partnership configuration version named.
 */
public record Explanation(
        PersonId person,
        LocalDate day,
        int configurationVersion,
        List<StaffView> staff,
        List<EmergencyView> emergency,
        List<RepresentativeView> representatives) {

    public Explanation {
        staff = List.copyOf(staff);
        emergency = List.copyOf(emergency);
        representatives = List.copyOf(representatives);
    }

    /**
     * One member of staff who could see the person.
     *
     * @param through how rule 6 is met: the relationship's kind ({@code key-worker}, {@code team-caseload}...), or
     *     {@code break-glass}
     */
    public record StaffView(AgencyId agency, Username user, List<RoleId> roles, String through, List<Reach> reaches) {

        public StaffView {
            roles = List.copyOf(roles);
            reaches = List.copyOf(reaches);
        }
    }

    /**
     * A category of one agency's information that a member of staff could read for their usual purpose.
     *
     * @param agreement the sharing agreement it crosses under, or null within the owning agency
     * @param restrictedToo the agency's restricted items of the category would reach them too
     */
    public record Reach(
            Category category, AgencyId owner, LawfulBasis basis, String agreement, boolean restrictedToo) {}

    /** A role of unscheduled care, whose holders reach these categories of anyone under the {@code emergency} purpose. */
    public record EmergencyView(AgencyId agency, RoleId role, List<Category> categories) {

        public EmergencyView {
            categories = List.copyOf(categories);
        }
    }

    /** A representative, the authority they hold, and the categories it covers today. */
    public record RepresentativeView(PersonId representative, Authority.Kind kind, List<Category> categories) {

        public RepresentativeView {
            categories = List.copyOf(categories);
        }
    }
}
