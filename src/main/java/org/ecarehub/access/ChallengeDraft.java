package org.ecarehub.access;

import java.util.regex.Pattern;

/**
 * What a person or representative challenges: an entry of the access history ({@code access-event-42}) they do not
 * recognise, a sharing decision (an access entry that sent their information to another agency), or an item of the
 * record ({@code record-item-12}) they ask to have corrected; and, in their own words, why.
 *
 * @param details the person's words for the guardian; kept with the challenge, never logged
 */
public record ChallengeDraft(Challenge.Kind kind, String subject, String details) {

    public static final int MAX_DETAILS = 4000;

    /** A subject names a thing by its id, as the portal showed it; the log receives it, so it holds no free text. */
    private static final Pattern SUBJECT = Pattern.compile("[a-z][a-z-]{0,40}-[1-9][0-9]{0,17}");

    public ChallengeDraft {
        if (kind == null) {
            throw new ChallengeRefused("say whether you dispute an access, a sharing decision or ask for a correction");
        }
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new ChallengeRefused("a challenge names what it is about by its reference, such as access-event-42"
                    + " or record-item-12");
        }
        if (details == null || details.isBlank()) {
            throw new ChallengeRefused("say what is wrong, in your own words");
        }
        if (details.length() > MAX_DETAILS) {
            throw new ChallengeRefused("write at most " + MAX_DETAILS + " characters");
        }
        details = details.strip();
    }

    @Override
    public String toString() {
        return "ChallengeDraft[" + kind.code() + ", " + subject + "]";
    }
}
