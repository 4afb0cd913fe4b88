package org.ecarehub.partnership;

import java.time.Instant;

/** One version of the partnership configuration; version 0 is the empty partnership before any file. */
public record PartnershipSnapshot(int version, Partnership partnership, Instant appliedAt) {}
