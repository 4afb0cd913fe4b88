package org.ecarehub.web;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a person's access history in the plain words the portal's page, its chart and its PDF show.
 *
 * @param index the entry's place in the history page it was read in, which the in-browser verifier checks; -1 for a
 *     withholding notice, which carries nothing to check
 * @param when when it happened: the story's time for a replayed entry (decision 0037), else when it was logged
 * @param replayed the entry is a step of the demo's replayed story, logged later than {@code when}
 * @param agency the acting agency's code, or null when no agency acted
 * @param who the agency and role, in words
 * @param action what was done, in words
 * @param categories the kinds of information, in words
 * @param purpose why, in words
 * @param basis on what basis, in words
 * @param reason the reason given when break-glass was opened, or null
 * @param recipient where the information went, in words, or null when it stayed with its agency
 * @param notice for a withheld entry, what the person is told (POLICY.md W2); null otherwise
 */
public record HistoryLine(
        int index,
        long eventId,
        Instant when,
        boolean replayed,
        String agency,
        String who,
        String action,
        List<String> categoryCodes,
        String categories,
        String purpose,
        String basis,
        String reason,
        String recipient,
        boolean allowed,
        String notice) {

    public HistoryLine {
        categoryCodes = List.copyOf(categoryCodes);
    }

    public boolean withheld() {
        return notice != null;
    }

    public String time() {
        return Dates.time(when);
    }
}
