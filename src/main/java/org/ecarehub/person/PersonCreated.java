package org.ecarehub.person;

import org.ecarehub.shared.PersonId;

/** The index created a person for an agency record unlike anyone it knew, or split off from its person. */
public record PersonCreated(PersonId person) {}
