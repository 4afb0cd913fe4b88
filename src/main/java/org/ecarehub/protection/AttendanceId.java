package org.ecarehub.protection;

/** The hub's number for one unscheduled-care attendance of a flagged child. */
public record AttendanceId(long value) {

    public AttendanceId {
        if (value < 1) {
            throw new RegisterRefused("an attendance's number is a positive whole number, not " + value);
        }
    }

    /** How the transparency log and the access decision name it: {@code cp-is-attendance-12}. */
    public String reference() {
        return "cp-is-attendance-" + value;
    }

    @Override
    public String toString() {
        return reference();
    }
}
