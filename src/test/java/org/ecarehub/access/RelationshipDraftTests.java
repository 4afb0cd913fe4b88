package org.ecarehub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.junit.jupiter.api.Test;

class RelationshipDraftTests {

    static final PersonId person = PersonId.of("0b6c7a1e-5d2f-4c1e-9a55-3f0d1c2b4a69");
    static final LocalDate day = LocalDate.of(2026, 3, 2);
    static final Holder socialWorker = Holder.staff(Username.of("sw.hamilton"));

    @Test
    void acceptsAOneDayRelationshipAndAnOpenEndedOne() {
        assertThat(new RelationshipDraft(person, socialWorker, RelationshipKind.REFERRAL, day, day, null).end())
                .isEqualTo(day);
        assertThat(RelationshipDraft.of(person, socialWorker, RelationshipKind.CARE_TEAM, day)
                        .end())
                .isNull();
    }

    @Test
    void refusesAnEndBeforeTheStart() {
        assertThatThrownBy(() -> new RelationshipDraft(
                        person, socialWorker, RelationshipKind.KEY_WORKER, day, day.minusDays(1), null))
                .isInstanceOf(RelationshipRefused.class)
                .hasMessage("a relationship cannot end before it starts");
    }

    @Test
    void refusesAMissingPersonHolderKindOrStart() {
        assertThatThrownBy(() -> RelationshipDraft.of(null, socialWorker, RelationshipKind.KEY_WORKER, day))
                .hasMessage("a relationship needs a person");
        assertThatThrownBy(() -> RelationshipDraft.of(person, null, RelationshipKind.KEY_WORKER, day))
                .hasMessage("a relationship needs a holder: a staff account or a team");
        assertThatThrownBy(() -> RelationshipDraft.of(person, socialWorker, null, day))
                .hasMessage("a relationship needs a kind");
        assertThatThrownBy(() -> RelationshipDraft.of(person, socialWorker, RelationshipKind.KEY_WORKER, null))
                .hasMessage("a relationship needs a start day");
    }

    @Test
    void refusesASourceThatIsNotAReference() {
        assertThat(new RelationshipDraft(
                                person, socialWorker, RelationshipKind.SERVICE_REQUEST, day, null, "service-request-12")
                        .source())
                .isEqualTo("service-request-12");
        assertThatThrownBy(() -> new RelationshipDraft(
                        person,
                        socialWorker,
                        RelationshipKind.REFERRAL,
                        day,
                        null,
                        "Referred after Agnes fell at home"))
                .isInstanceOf(RelationshipRefused.class)
                .hasMessageStartingWith("a relationship's source is a reference");
    }

    @Test
    void isHeldByOneStaffAccountOrOneTeamNeverBothOrNone() {
        assertThatThrownBy(() -> new Holder(Username.of("sw.hamilton"), TeamId.of("adult-care-hamilton")))
                .isInstanceOf(RelationshipRefused.class);
        assertThatThrownBy(() -> new Holder(null, null)).isInstanceOf(RelationshipRefused.class);
    }

    @Test
    void aTeamHolderReachesItsMembersOnly() {
        Holder team = Holder.team(TeamId.of("children-families-blantyre"));
        assertThat(team.reaches(Username.of("sw.manager"), List.of(TeamId.of("children-families-blantyre"))))
                .isTrue();
        assertThat(team.reaches(Username.of("sw.hamilton"), List.of(TeamId.of("adult-care-hamilton"))))
                .isFalse();
        assertThat(socialWorker.reaches(Username.of("sw.hamilton"), List.of())).isTrue();
        assertThat(socialWorker.reaches(Username.of("ot.hamilton"), List.of(TeamId.of("adult-care-hamilton"))))
                .isFalse();
    }

    @Test
    void isActiveFromItsStartToItsEndBothIncluded() {
        Relationship relationship = new Relationship(
                new RelationshipId(1),
                person,
                socialWorker,
                RelationshipKind.KEY_WORKER,
                day,
                day.plusDays(2),
                null,
                java.time.Instant.EPOCH,
                "hub:test",
                null);
        assertThat(relationship.activeOn(day.minusDays(1))).isFalse();
        assertThat(relationship.activeOn(day)).isTrue();
        assertThat(relationship.activeOn(day.plusDays(2))).isTrue();
        assertThat(relationship.activeOn(day.plusDays(3))).isFalse();
    }
}
