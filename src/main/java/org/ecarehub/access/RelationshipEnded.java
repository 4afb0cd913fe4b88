package org.ecarehub.access;

import java.time.LocalDate;
import org.ecarehub.shared.PersonId;

/** A relationship was ended: the holder is no longer involved with the person after the end day. */
public record RelationshipEnded(RelationshipId relationship, PersonId person, Holder holder, LocalDate end) {}
