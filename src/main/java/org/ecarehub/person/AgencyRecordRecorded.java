package org.ecarehub.person;

import org.ecarehub.shared.PersonId;

/** A new version of an agency record's demographics was stored; version 1 is a record new to the index. */
public record AgencyRecordRecorded(AgencyRecordId record, PersonId person, int version) {}
