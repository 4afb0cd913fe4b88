package org.ecarehub.messaging;

import java.util.Objects;
import java.util.regex.Pattern;
import org.ecarehub.shared.PersonId;

/**
 * Something that happened in the hub that receivers must be told of, named by ids only: the receiver fetches the
 * content through the hub's API, where its access is decided and logged. So no name, date of birth or free text ever
 * sits in the deliveries table or travels in a notification.
 *
 * @param topic what happened, as a code such as {@code protection-message-received} or {@code cpis-attendance}
 * @param focus the resource it is about, as a FHIR-style reference such as {@code Communication/12}
 * @param person the person it is about, by index id, or null
 * @param sender who sent it, as the sending module names it ({@code protection}, {@code agency:police-scotland}); the
 *     sender reads the status of its deliveries by focus
 */
public record Notification(String topic, String focus, PersonId person, String sender) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,99}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z]{1,64}/[A-Za-z0-9.-]{1,64}");
    private static final Pattern SENDER = Pattern.compile("[a-z0-9][a-z0-9.:-]{0,199}");

    public Notification {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(focus, "focus");
        Objects.requireNonNull(sender, "sender");
        if (!CODE.matcher(topic).matches()) {
            throw new MessagingRefused("a topic is a code of lower-case letters, digits, '.' and '-'");
        }
        if (!REFERENCE.matcher(focus).matches()) {
            throw new MessagingRefused("a focus is a reference such as Communication/12");
        }
        if (!SENDER.matcher(sender).matches()) {
            throw new MessagingRefused("a sender is a code of lower-case letters, digits, '.', ':' and '-'");
        }
    }
}
