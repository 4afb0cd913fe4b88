package org.ecarehub.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.junit.jupiter.api.Test;

class AccessJournalTests {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final LogEvent.Who SYSTEM = LogEvent.Who.staff("sw.airdrie", "nlc-social-work", List.of("sw"));
    private static final LogEvent.Why WHY =
            new LogEvent.Why("administration", null, List.of(), null, null, null, null, 3);

    @Test
    void aBatchLogsOneEventForEachPersonAndKindOfChangeNamingEveryItemInOrder() {
        PersonId child = PersonId.random();
        PersonId parent = PersonId.random();

        List<LogEvent> logged = AccessJournal.coalesced(List.of(
                start(child, NOW, "relationship-1", "team:a"),
                start(parent, NOW, "relationship-2", "team:a"),
                start(child, NOW.plusMillis(3), "relationship-3", "team:b"),
                start(parent, NOW.plusMillis(4), "relationship-4", "team:b")));

        assertThat(logged).hasSize(2);
        assertThat(logged.get(0).person()).isEqualTo(child);
        assertThat(logged.get(0).time()).isEqualTo(NOW);
        assertThat(logged.get(0).what().items())
                .containsExactly("relationship-1", "team:a", "relationship-3", "team:b");
        assertThat(logged.get(1).person()).isEqualTo(parent);
        assertThat(logged.get(1).what().items())
                .containsExactly("relationship-2", "team:a", "relationship-4", "team:b");
    }

    @Test
    void eventsThatDifferInMoreThanItemsStayApart() {
        PersonId person = PersonId.random();
        LogEvent start = start(person, NOW, "relationship-1", "team:a");
        LogEvent end = new LogEvent(
                EventType.RELATIONSHIP,
                NOW,
                SYSTEM,
                new LogEvent.What("end", List.of(), List.of("x"), null),
                person,
                WHY);
        LogEvent byAnother = new LogEvent(
                EventType.RELATIONSHIP,
                NOW,
                LogEvent.Who.staff("admin", "nlc-social-work", List.of("admin")),
                start.what(),
                person,
                WHY);

        assertThat(AccessJournal.coalesced(List.of(start, end, byAnother))).containsExactly(start, end, byAnother);
    }

    private static LogEvent start(PersonId person, Instant time, String... items) {
        return new LogEvent(
                EventType.RELATIONSHIP,
                time,
                SYSTEM,
                new LogEvent.What("start", List.of(), List.of(items), null),
                person,
                WHY);
    }
}
