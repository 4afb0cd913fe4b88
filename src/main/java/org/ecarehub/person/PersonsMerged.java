package org.ecarehub.person;

import org.ecarehub.shared.PersonId;

/** One person was merged into another: the merged person's records are now the survivor's. */
public record PersonsMerged(MergeId merge, PersonId survivor, PersonId merged) {}
