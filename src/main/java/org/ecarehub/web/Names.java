package org.ecarehub.web;

import org.ecarehub.access.Holder;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.partnership.Team;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;

/** The partnership's names for agencies, teams and staff, for pages that hold only their ids. */
public record Names(Partnership partnership) {

    public String agency(AgencyId id) {
        return id == null ? "" : partnership.agency(id).map(Agency::name).orElse(id.value());
    }

    public String staff(Username user) {
        return partnership.staff(user).map(StaffAccount::displayName).orElse(user.value());
    }

    public String team(org.ecarehub.shared.TeamId id) {
        return id == null ? "" : partnership.team(id).map(Team::name).orElse(id.value());
    }

    public String holder(Holder holder) {
        if (holder.user() != null) {
            return staff(holder.user());
        }
        return partnership
                .team(holder.team())
                .map(Team::name)
                .orElse(holder.team().value());
    }

    /** The team and agency through which the holder can be reached. */
    public String reach(Holder holder) {
        if (holder.user() != null) {
            return partnership
                    .staff(holder.user())
                    .map(account -> {
                        String teams = String.join(
                                "; ",
                                partnership.teamsOf(account).stream()
                                        .map(Names::withContact)
                                        .toList());
                        String agency = agency(account.agency());
                        return teams.isEmpty() ? agency : teams + ", " + agency;
                    })
                    .orElse("");
        }
        return partnership
                .team(holder.team())
                .map(team -> team.contact()
                        .map(contact -> contact + ", " + agency(team.agency()))
                        .orElse(agency(team.agency())))
                .orElse("");
    }

    /** A team's name and, where the partnership file gives them, its telephone number and mailbox. */
    private static String withContact(Team team) {
        return team.contact().map(contact -> team.name() + " (" + contact + ")").orElse(team.name());
    }

    public String username(Holder holder) {
        return holder.user() == null ? "" : holder.user().value();
    }

    public String day(java.time.LocalDate date) {
        return Dates.day(date);
    }

    public String time(java.time.Instant instant) {
        return Dates.time(instant);
    }

    public String address(org.ecarehub.person.Demographics demographics) {
        return demographics
                .currentAddress()
                .map(address -> (java.util.Objects.toString(address.text(), "") + " "
                                + java.util.Objects.toString(address.postcode(), ""))
                        .strip())
                .orElse("Not known");
    }

    public String categories(java.util.Collection<org.ecarehub.partnership.Category> categories) {
        return String.join(
                ", ",
                categories.stream()
                        .map(org.ecarehub.partnership.Category::code)
                        .sorted()
                        .toList());
    }
}
