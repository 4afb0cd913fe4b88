package org.ecarehub.access;

/** A review step was refused: not the assigned guardian, a task in the wrong state, or bad input. Nothing changed. */
public class CaldicottReviewRefused extends IllegalArgumentException {

    public CaldicottReviewRefused(String message) {
        super(message);
    }
}
