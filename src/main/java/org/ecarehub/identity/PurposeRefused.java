package org.ecarehub.identity;

/**
 * The purpose of use a request states is refused: an unknown code ({@link #UNKNOWN_PURPOSE}) or one the caller's
 * roles may not use ({@link #PURPOSE_NOT_ALLOWED}, POLICY.md rule 2).
 */
public class PurposeRefused extends RuntimeException {

    public static final String UNKNOWN_PURPOSE = "unknown-purpose";
    public static final String PURPOSE_NOT_ALLOWED = "purpose-not-allowed";

    private final String code;

    public PurposeRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    /** {@link #UNKNOWN_PURPOSE} or {@link #PURPOSE_NOT_ALLOWED}, stable for clients. */
    public String code() {
        return code;
    }

    public boolean unknownCode() {
        return UNKNOWN_PURPOSE.equals(code);
    }
}
