package org.ecarehub.person;

import org.ecarehub.shared.PersonId;

/** A merge was undone: the restored person has exactly the records it had before the merge. */
public record PersonsUnmerged(MergeId merge, PersonId survivor, PersonId restored) {}
