package org.ecarehub.partnership;

/** A partnership file became the configuration in force. */
public record PartnershipApplied(int version, String source, String appliedBy) {}
