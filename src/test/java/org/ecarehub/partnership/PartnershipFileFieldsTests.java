package org.ecarehub.partnership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecarehub.partnership.PartnershipFileCodesTests.parsedWith;

import java.io.IOException;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.TeamId;
import org.junit.jupiter.api.Test;

/**
 * How to reach a team: an optional telephone number and mailbox in the partnership file, checked where they stand; and
 * the partnership's name, refused where it stands when it is longer than the stored versions keep; and whether the
 * portal names staff accounts.
 */
class PartnershipFileFieldsTests {

    @Test
    void readsATeamsPhoneAndMailbox() throws IOException {
        PartnershipFile.Result result = parsedWith("phone: 01632 960004", "phone: 01632 960004");

        Team team = ((PartnershipFile.Valid) result)
                .partnership()
                .team(TeamId.of("adult-care-hamilton"))
                .orElseThrow();
        assertThat(team.contact()).contains("01632 960004, adult-care-hamilton@slc-social-work.example");
    }

    @Test
    void refusesAPhoneThatIsNotANumberAtItsLine() throws IOException {
        PartnershipFile.Result result = parsedWith("phone: 01632 960004", "phone: ring the office");

        assertThat(result).isInstanceOf(PartnershipFile.Invalid.class);
        assertThat(result.problems()).anySatisfy(problem -> {
            assertThat(problem.message()).contains("phone");
            assertThat(problem.line()).isPositive();
        });
    }

    @Test
    void refusesAMailboxThatIsNotAnAddress() throws IOException {
        PartnershipFile.Result result =
                parsedWith("mailbox: adult-care-hamilton@slc-social-work.example", "mailbox: adult care hamilton");

        assertThat(result).isInstanceOf(PartnershipFile.Invalid.class);
        assertThat(result.problems())
                .anySatisfy(problem -> assertThat(problem.message()).contains("mailbox"));
    }

    @Test
    void refusesAPartnershipNameTooLongToStoreAtItsLine() throws IOException {
        PartnershipFile.Result result =
                parsedWith("name: Lanarkshire Health and Social Care Partnership (demo)", "name: " + "L".repeat(201));

        assertThat(result).isInstanceOf(PartnershipFile.Invalid.class);
        assertThat(result.problems()).anySatisfy(problem -> {
            assertThat(problem.message()).contains("at most 200 characters");
            assertThat(problem.line()).isEqualTo(18);
        });
    }

    @Test
    void showsPeopleNoStaffAccountUnlessThePartnershipSaysSo() throws IOException {
        String line = "portal-shows-staff-accounts: false";
        PartnershipFile.Result absent = parsedWith(line, "");
        PartnershipFile.Result shown = parsedWith(line, "portal-shows-staff-accounts: true");
        PartnershipFile.Result spelledOtherwise = parsedWith(line, "portal-shows-staff-accounts: yes");

        assertThat(((PartnershipFile.Valid) absent).partnership().governance().portalShowsStaffAccounts())
                .isFalse();
        assertThat(((PartnershipFile.Valid) shown).partnership().governance().portalShowsStaffAccounts())
                .isTrue();
        assertThat(spelledOtherwise).isInstanceOf(PartnershipFile.Invalid.class);
        assertThat(spelledOtherwise.problems())
                .anySatisfy(problem -> assertThat(problem.message()).contains("portal-shows-staff-accounts"));
    }

    @Test
    void leavesATeamWithoutContactsReachableThroughItsMembersOnly() {
        assertThat(new Team(TeamId.of("t"), "A team", AgencyId.of("a")).contact())
                .isEmpty();
    }
}
