package org.ecarehub.consent;

/**
 * A consent, assessment, authority or withholding the module will not record, and why, in words that name no person:
 * nothing of it has been stored.
 */
public class RecordingRefused extends IllegalArgumentException {

    public RecordingRefused(String message) {
        super(message);
    }
}
