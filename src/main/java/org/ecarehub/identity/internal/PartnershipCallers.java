package org.ecarehub.identity.internal;

import java.util.List;
import java.util.Optional;
import org.ecarehub.identity.AgencySystemCaller;
import org.ecarehub.identity.ApiCaller;
import org.ecarehub.identity.Callers;
import org.ecarehub.identity.PurposeRefused;
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

    @Override
    public Optional<ApiCaller> apiCaller(Authentication authentication, String purposeHeader) {
        if (authentication instanceof StaffTokenAuthentication staff && authentication.isAuthenticated()) {
            return partnerships
                    .activeStaff((Username) staff.getPrincipal())
                    .map(account -> new ApiCaller.Staff(
                            describe(account, purposeFor(account, stated(purposeHeader, staff.purposeClaim())))));
        }
        if (authentication instanceof AgencySystemAuthentication system) {
            Optional<AgencySystemCaller> caller = agencySystem(authentication);
            if (caller.isEmpty()) {
                return Optional.empty();
            }
            String code = stated(purposeHeader, system.purposeClaim());
            if (system.onBehalfOf() == null) {
                return Optional.of(new ApiCaller.AgencySystem(caller.get(), null, ownPurpose(code), scopes(system)));
            }
            Optional<StaffAccount> account = partnerships.activeStaff(system.onBehalfOf());
            if (account.isEmpty()) {
                return Optional.empty();
            }
            StaffCaller staff = describe(account.get(), purposeFor(account.get(), code));
            return Optional.of(new ApiCaller.AgencySystem(caller.get(), staff, staff.purpose(), scopes(system)));
        }
        return Optional.empty();
    }

    private static List<String> scopes(AgencySystemAuthentication system) {
        String scope = system.scopeClaim();
        return scope == null ? List.of("system/*.rs") : List.of(scope.strip().split("\\s+"));
    }

    private static String stated(String header, String claim) {
        return header != null ? header.strip() : claim;
    }

    private Purpose purposeFor(StaffAccount account, String code) {
        Purpose purpose = known(code);
        if (!partnerships.current().partnership().mayUse(account, purpose)) {
            throw new PurposeRefused(
                    PurposeRefused.PURPOSE_NOT_ALLOWED,
                    "the account's roles may not use the purpose '" + purpose.code() + "'");
        }
        return purpose;
    }

    /** A system on its own has no roles; it keeps its agency's records, which is direct care or administration. */
    private static Purpose ownPurpose(String code) {
        Purpose purpose = known(code);
        if (purpose != Purpose.DIRECT_CARE && purpose != Purpose.ADMINISTRATION) {
            throw new PurposeRefused(
                    PurposeRefused.PURPOSE_NOT_ALLOWED,
                    "an agency system acting on its own may not use the purpose '" + purpose.code()
                            + "'; act on behalf of a staff account whose roles allow it");
        }
        return purpose;
    }

    private static Purpose known(String code) {
        if (code == null) {
            return Purpose.DIRECT_CARE;
        }
        return Purpose.fromCode(code)
                .orElseThrow(() -> new PurposeRefused(
                        PurposeRefused.UNKNOWN_PURPOSE,
                        "unknown purpose of use" + (code.length() <= 40 ? " '" + code + "'" : "")));
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
