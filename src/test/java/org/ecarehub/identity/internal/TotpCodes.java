package org.ecarehub.identity.internal;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Codes an authenticator app would show, for tests that sign in to the portal. The hub accepts each 30-second step's
 * code once, and one step either side of now, so this hands out each account's steps in turn and waits for the next
 * step when an account has used all three.
 */
public final class TotpCodes {

    private static final Map<String, Long> LAST_USED = new ConcurrentHashMap<>();

    private TotpCodes() {}

    public static synchronized String next(String account, String secret) {
        while (true) {
            Instant at = Instant.now();
            long now = Totp.step(at);
            // The previous step's code stops working when this step ends: only hand it out with time left to sign in
            // (a loaded machine takes seconds between this call and the hub's check).
            boolean previousStillLong = at.getEpochSecond() % Totp.STEP_SECONDS < Totp.STEP_SECONDS - 10;
            long earliest = previousStillLong ? now - 1 : now;
            long step = Math.max(earliest, LAST_USED.getOrDefault(account, Long.MIN_VALUE) + 1);
            if (step <= now + 1) {
                LAST_USED.put(account, step);
                return Totp.code(Totp.base32Decode(secret), step, Totp.DIGITS);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A code that no step near now has: a wrong code. */
    public static String wrong(String secret) {
        long now = Totp.step(Instant.now());
        byte[] key = Totp.base32Decode(secret);
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            boolean used = false;
            for (long step = now - 2; step <= now + 2; step++) {
                used |= Totp.code(key, step, Totp.DIGITS).equals(code);
            }
            if (!used) {
                return code;
            }
        }
    }
}
