package org.ecarehub.access;

import java.time.LocalDate;
import org.ecarehub.shared.PersonId;

/** A relationship was started: the holder may now be involved with the person from the start day. */
public record RelationshipStarted(
        RelationshipId relationship,
        PersonId person,
        Holder holder,
        RelationshipKind kind,
        LocalDate start,
        LocalDate end,
        String source) {}
