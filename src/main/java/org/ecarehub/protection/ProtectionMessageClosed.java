package org.ecarehub.protection;

import java.time.Instant;

/** A protection case was closed: the relationships its message started have ended. */
public record ProtectionMessageClosed(ProtectionMessageId message, ConcernOutcome outcome, Instant at) {}
