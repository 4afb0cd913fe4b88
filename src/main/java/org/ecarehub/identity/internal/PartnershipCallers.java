package org.ecarehub.identity.internal;

import java.util.List;
import java.util.Optional;
import org.ecarehub.identity.AgencySystemCaller;
import org.ecarehub.identity.Callers;
import org.ecarehub.identity.StaffCaller;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.Role;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.partnership.Team;
import org.ecarehub.shared.Username;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/** Describes callers from the partnership in force. */
@Service
class PartnershipCallers implements Callers {

    private final Partnerships partnerships;

    PartnershipCallers(Partnerships partnerships) {
        this.partnerships = partnerships;
    }

    @Override
    public Optional<StaffCaller> staff(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        return Username.parse(authentication.getName())
                .flatMap(partnerships::activeStaff)
                .map(account -> describe(account, Purpose.DIRECT_CARE));
    }

    @Override
    public Optional<AgencySystemCaller> agencySystem(Authentication authentication) {
        if (!(authentication instanceof AgencySystemAuthentication system) || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        var snapshot = partnerships.current();
        return snapshot.partnership()
                .agency(system.agency())
                .filter(Agency::active)
                .map(agency -> new AgencySystemCaller(agency, system.getName(), snapshot.version()));
    }

    StaffCaller describe(StaffAccount account, Purpose purpose) {
        Partnership partnership = partnerships.current().partnership();
        List<String> roleNames =
                partnership.rolesOf(account).stream().map(Role::name).toList();
        List<String> teamNames = account.teams().stream()
                .map(team -> partnership.team(team).map(Team::name).orElse(team.value()))
                .toList();
        return new StaffCaller(
                account, partnership.agency(account.agency()).orElseThrow(), roleNames, teamNames, purpose);
    }
}
