package org.ecarehub.messaging.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.util.Properties;
import org.ecarehub.messaging.Delivery;
import org.ecarehub.messaging.Receiver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The email channel, through the SMTP server of {@code --smtp-url} ({@code smtp://host:port}). An email says only
 * that there is something to see in the hub and where: email is not a safe place for anything about a person.
 * Acknowledged when the server accepts the message; without a server every attempt fails, so the deliveries end as
 * dead letters that administrators see rather than vanish.
 */
@Component
class Emails {

    static final String DELIVERY_HEADER = "X-Ecare-Delivery-Id";

    private final JavaMailSenderImpl sender;
    private final String from;
    private final String baseUrl;

    Emails(
            @Value("${ecare.smtp-url:}") String smtpUrl,
            @Value("${ecare.messaging.email-from:ecare-hub@localhost}") String from,
            @Value("${ecare.base-url:http://localhost:8080}") String baseUrl,
            MessagingSettings settings) {
        this.sender = smtpUrl == null || smtpUrl.isBlank() ? null : sender(smtpUrl, settings);
        this.from = from;
        this.baseUrl = baseUrl;
    }

    private static JavaMailSenderImpl sender(String smtpUrl, MessagingSettings settings) {
        URI uri = URI.create(smtpUrl.strip());
        if (!"smtp".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("ecare.smtp-url must be smtp://host:port");
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(uri.getHost());
        sender.setPort(uri.getPort() < 0 ? 25 : uri.getPort());
        Properties properties = new Properties();
        properties.put(
                "mail.smtp.connectiontimeout",
                String.valueOf(settings.connectTimeout().toMillis()));
        properties.put(
                "mail.smtp.timeout", String.valueOf(settings.readTimeout().toMillis()));
        properties.put(
                "mail.smtp.writetimeout", String.valueOf(settings.readTimeout().toMillis()));
        sender.setJavaMailProperties(properties);
        return sender;
    }

    /** The notification module's topic: activity on a person's record, for them or their representative. */
    static final String RECORD_ACTIVITY = "record-activity";

    Attempt attempt(Delivery delivery) {
        if (sender == null) {
            return Attempt.failed("smtp-not-configured");
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(from);
            helper.setTo(((Receiver.Email) delivery.receiver()).address());
            // Never a detail of the person or the event: the words depend on the topic alone.
            if (RECORD_ACTIVITY.equals(delivery.notification().topic())) {
                helper.setSubject("New activity on a record in eCare Hub");
                helper.setText("There is new activity on the record; sign in to see it: " + baseUrl + "/portal\n\n"
                        + "This email holds no details on purpose; please do not reply to it.\n");
            } else {
                helper.setSubject("You have a new notification in eCare Hub");
                helper.setText("There is something new for you in eCare Hub. Sign in to see it: " + baseUrl + "\n\n"
                        + "This email holds no details on purpose; please do not reply to it.\n");
            }
            message.setHeader(DELIVERY_HEADER, delivery.id().value());
            sender.send(message);
            return Attempt.acknowledged("smtp-accepted");
        } catch (MessagingException | MailException e) {
            return Attempt.failed("smtp-failed");
        }
    }
}
