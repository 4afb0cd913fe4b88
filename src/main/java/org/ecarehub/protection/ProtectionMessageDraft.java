package org.ecarehub.protection;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.shared.PersonId;

/**
 * A concern to raise: about a child or an adult at risk, how urgent, the concern in the sender's words, and everyone
 * it names: at least one subject, then linked children and adults, each once.
 */
public record ProtectionMessageDraft(
        ConcernKind kind, ConcernPriority priority, String concern, List<ConcernPerson> people) {

    /** Shorter than this says nothing a receiver could act on. */
    public static final int SHORTEST_CONCERN = 20;

    public static final int LONGEST_CONCERN = 4000;

    /** A household and its circle; more than this is a list, not a concern. */
    public static final int MOST_PEOPLE = 30;

    public ProtectionMessageDraft {
        require(kind != null, "say whether the concern is about a child or an adult at risk");
        require(priority != null, "give the concern a priority: urgent or standard");
        require(concern != null && !concern.isBlank(), "describe the concern");
        concern = concern.strip();
        require(
                concern.length() >= SHORTEST_CONCERN && concern.length() <= LONGEST_CONCERN,
                "the concern must have from " + SHORTEST_CONCERN + " to " + LONGEST_CONCERN + " characters, not "
                        + concern.length());
        require(people != null && !people.isEmpty(), "name at least one subject of the concern");
        people = List.copyOf(people);
        require(people.size() <= MOST_PEOPLE, "a protection message names at most " + MOST_PEOPLE + " people");
        require(
                people.stream().anyMatch(named -> named.role() == ConcernRole.SUBJECT),
                "name at least one subject of the concern");
        Set<PersonId> seen = new HashSet<>();
        for (ConcernPerson named : people) {
            require(seen.add(named.person()), "each person is named once, but one is named twice");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ProtectionMessageRefused(message);
        }
    }

    @Override
    public String toString() {
        return "ProtectionMessageDraft[" + kind + ", " + priority + ", " + people.size() + " people]";
    }
}
