package org.ecarehub.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecarehub.protection.internal.ProtectionFixtures.adult;
import static org.ecarehub.protection.internal.ProtectionFixtures.child;
import static org.ecarehub.protection.internal.ProtectionFixtures.count;
import static org.ecarehub.protection.internal.ProtectionFixtures.involve;
import static org.ecarehub.protection.internal.ProtectionFixtures.protecting;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.Relationships;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.protection.ConcernPerson;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.EscalationStage;
import org.ecarehub.protection.ProtectionMessageDraft;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.protection.Routing;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.AdjustableClock;
import org.ecarehub.support.LogOutage;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.LogUnavailable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hubs on one PostgreSQL database, both sweeping for escalations every second: each routing reaches each stage
 * once. And a message the log cannot record leaves nothing behind.
 */
@Tag("postgres")
class ProtectionMessagesTwoNodesIntegrationTests {

    @TempDir
    Path dataDir;

    static Map<String, Object> properties() {
        return Map.of(
                "ecare.demo.people",
                0,
                "ecare.protection.escalation-check",
                "PT1S",
                "spring.main.sources",
                AdjustableClock.Source.class.getName());
    }

    static ProtectionMessageDraft concern(PersonId child, PersonId parent) {
        return new ProtectionMessageDraft(
                ConcernKind.CHILD,
                ConcernPriority.URGENT,
                "Police attended a domestic incident at the family home; the child was present.",
                List.of(ConcernPerson.of(child, ConcernRole.SUBJECT), ConcernPerson.of(parent, ConcernRole.PARENT)));
    }

    @Test
    void twoNodesEscalateEachRoutingOnceAtEachStage() throws Exception {
        TestDatabase database = TestDatabase.fresh(dataDir);
        try (RunningHub first = RunningHub.start("demo", dataDir, database, properties());
                RunningHub second = RunningHub.start("demo", dataDir, database, properties())) {
            List<ProtectionMessageView> raised = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                RunningHub node = i % 2 == 0 ? first : second;
                PersonId child = child(node);
                involve(node, child, "teacher.blantyre");
                raised.add(node.bean(ProtectionMessages.class)
                        .raise(protecting("police.hub"), concern(child, adult(node))));
            }
            Instant latest = raised.stream()
                    .flatMap(message -> message.routings().stream())
                    .map(Routing::deadline)
                    .max(Instant::compareTo)
                    .orElseThrow();
            Duration toDeadline = Duration.between(
                            first.bean(AdjustableClock.class).instant(), latest)
                    .plusSeconds(1);
            first.bean(AdjustableClock.class).advance(toDeadline);
            second.bean(AdjustableClock.class).advance(toDeadline);
            Duration further = Duration.ofHours(1).plusSeconds(1);
            awaitEveryRouting(first, raised, EscalationStage.TEAM_MANAGER, EscalationStage.DUTY_OFFICER);
            first.bean(AdjustableClock.class).advance(further);
            second.bean(AdjustableClock.class).advance(further);
            awaitEveryRouting(first, raised, EscalationStage.DUTY_OFFICER, EscalationStage.DUTY_OFFICER);
            Thread.sleep(3_000); // more sweeps on both nodes, which must find nothing more to do

            long routings = raised.stream()
                    .mapToLong(message -> message.routings().size())
                    .sum();
            long managerRoutings = raised.stream()
                    .flatMap(message -> message.routings().stream())
                    .filter(routing -> routing.team().value().equals("children-families-blantyre"))
                    .count();
            assertThat(count(
                            first,
                            "select count(*) from protection_message_step where kind = ?",
                            "escalated-to-duty-officer"))
                    .isEqualTo(routings);
            assertThat(count(
                            first,
                            "select count(*) from protection_message_step where kind = ?",
                            "escalated-to-manager"))
                    .isEqualTo(managerRoutings);
            assertThat(count(first, "select count(*) from delivery where topic = ?", "protection-message-escalated"))
                    .isEqualTo(routings + managerRoutings);
        }
    }

    @Test
    void aMessageTheLogCannotRecordLeavesNothingBehind() throws Exception {
        TestDatabase database = TestDatabase.fresh(dataDir);
        try (RunningHub hub = RunningHub.start("demo", dataDir, database, properties())) {
            PersonId child = child(hub);
            PersonId parent = adult(hub);
            involve(hub, child, "teacher.blantyre");
            int relationships = hub.bean(Relationships.class).of(child).size();
            // The demo seeds the Kerrs' message: count what is there before, and show nothing is added.
            long messages = count(hub, "select count(*) from protection_message");
            long routings = count(hub, "select count(*) from protection_message_routing");
            long deliveries =
                    count(hub, "select count(*) from delivery where topic = ?", "protection-message-received");

            LogOutage.withoutTheLog(
                    database,
                    () -> assertThatThrownBy(() -> hub.bean(ProtectionMessages.class)
                                    .raise(protecting("police.hub"), concern(child, parent)))
                            .isInstanceOf(LogUnavailable.class));

            assertThat(count(hub, "select count(*) from protection_message")).isEqualTo(messages);
            assertThat(count(hub, "select count(*) from protection_message_routing"))
                    .isEqualTo(routings);
            assertThat(count(hub, "select count(*) from delivery where topic = ?", "protection-message-received"))
                    .isEqualTo(deliveries);
            assertThat(hub.bean(Relationships.class).of(child)).hasSize(relationships);
        }
    }

    static void awaitEveryRouting(
            RunningHub hub, List<ProtectionMessageView> raised, EscalationStage stage, EscalationStage orFurther)
            throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(giveUp)) {
            long behind = 0;
            for (ProtectionMessageView message : raised) {
                ProtectionMessageView now = hub.bean(ProtectionMessages.class)
                        .find(protecting("police.hub"), message.id())
                        .orElseThrow();
                behind += now.routings().stream()
                        .filter(routing -> routing.stage() != stage && routing.stage() != orFurther)
                        .count();
            }
            if (behind == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not every routing reached " + stage + " within a minute");
    }
}
