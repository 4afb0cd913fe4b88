package org.ecarehub.notification.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.PortalVisibility;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.identity.PortalAccount;
import org.ecarehub.identity.PortalAccounts;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.JobLeases;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.notification.NotificationChoices;
import org.ecarehub.partnership.Category;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the activity kept by {@link ActivityListener}, on one node at a time: for each, the portal accounts bound to
 * the person and to their representatives, those that chose email, and of those only the ones whose own portal view
 * would show the activity (the access decision decides: P3, P4, W1, W3). An account emailed within the rate limit's
 * interval gets no second email; it is marked waiting and emailed once the interval is up. Each round is one
 * transaction: the emails go into the messaging outbox and the activity is deleted together.
 */
@Component
class ActivitySender {

    static final String TOPIC = "record-activity";
    static final String SENDER = "notification";

    private static final ZoneId PARTNERSHIP_ZONE = ZoneId.of("Europe/London");
    private static final AgencyId HUB = AgencyId.of("ecare-hub");
    private static final int ROUND = 200;

    private final JdbcClient jdbc;
    private final JobLeases jobs;
    private final TransactionTemplate transactions;
    private final PortalAccounts accounts;
    private final Representatives representatives;
    private final PortalVisibility visibility;
    private final Deliveries deliveries;
    private final NotificationChoices choices;
    private final Clock clock;
    private final Duration interval;
    private final Duration settle;

    ActivitySender(
            JdbcClient jdbc,
            JobLeases jobs,
            TransactionTemplate transactions,
            PortalAccounts accounts,
            Representatives representatives,
            PortalVisibility visibility,
            Deliveries deliveries,
            NotificationChoices choices,
            Clock clock,
            @Value("${ecare.notification.interval:PT1H}") Duration interval,
            @Value("${ecare.notification.settle:PT2S}") Duration settle) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.transactions = transactions;
        this.accounts = accounts;
        this.representatives = representatives;
        this.visibility = visibility;
        this.deliveries = deliveries;
        this.choices = choices;
        this.clock = clock;
        if (interval.isNegative() || settle.isNegative()) {
            throw new IllegalArgumentException("ecare.notification.interval and settle cannot be negative");
        }
        this.interval = interval;
        this.settle = settle;
    }

    @Scheduled(
            initialDelayString = "${ecare.notification.poll:PT1S}",
            fixedDelayString = "${ecare.notification.poll:PT1S}")
    void poll() {
        jobs.runExclusively("portal-notifications", Duration.ofMinutes(2), this::sendRound);
    }

    /** One round: the activity that has settled, then the accounts whose wait is over. */
    void sendRound() {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            tellActivity(now);
            tellWaiting(now);
        });
    }

    private record Activity(long id, PersonId person, String kind, Long eventId, String item) {}

    private void tellActivity(Instant now) {
        // Settled: every node's caches have heard of the change's other effects (a withholding made with it, say).
        List<Activity> due = jdbc.sql("select id, person_id, kind, event_id, item from notification_activity"
                        + " where created_at <= ? order by id limit " + ROUND)
                .param(Timestamp.from(now.minus(settle)))
                .query((row, number) -> new Activity(
                        row.getLong(1),
                        PersonId.of(row.getString(2)),
                        row.getString(3),
                        row.getObject(4) == null ? null : row.getLong(4),
                        row.getString(5)))
                .list();
        for (Activity activity : due) {
            for (PortalAccount account : audience(activity.person(), now)) {
                Requester.Portal viewer =
                        new Requester.Portal(account.username().value(), account.boundTo());
                if (shows(viewer, activity)) {
                    tell(account, activity.person(), "Activity/" + activity.id(), now);
                }
            }
            jdbc.sql("delete from notification_activity where id = ?")
                    .param(activity.id())
                    .update();
        }
    }

    private boolean shows(Requester.Portal viewer, Activity activity) {
        if (activity.eventId() != null) {
            return visibility.showsEvent(viewer, activity.person(), activity.eventId());
        }
        return visibility.showsItem(
                viewer,
                activity.person(),
                new AccessItem(activity.item(), Category.SERVICE_REQUEST, Sensitivity.NORMAL, HUB));
    }

    /** The bound accounts of the person and of everyone holding a verified authority over them today. */
    private List<PortalAccount> audience(PersonId person, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, PARTNERSHIP_ZONE);
        Map<Username, PortalAccount> found = new LinkedHashMap<>();
        accounts.boundTo(person).forEach(account -> found.putIfAbsent(account.username(), account));
        for (RepresentativeAuthority held : representatives.authoritiesOver(person)) {
            if (held.authority().verified() && held.authority().inForceOn(today)) {
                accounts.boundTo(held.representative())
                        .forEach(account -> found.putIfAbsent(account.username(), account));
            }
        }
        return found.values().stream()
                .filter(PortalAccount::bound)
                .filter(account -> choices.emailsOn(account.username()))
                .toList();
    }

    /** Emails the account now, or marks it waiting when it was emailed within the interval. */
    private void tell(PortalAccount account, PersonId person, String focus, Instant now) {
        Timestamp lastSent = jdbc.sql("select last_sent_at from notification_account where username = ? for update")
                .param(account.username().value())
                .query(Timestamp.class)
                .optional()
                .orElse(null);
        if (lastSent != null && lastSent.toInstant().isAfter(now.minus(interval))) {
            jdbc.sql("update notification_account set waiting_since = coalesce(waiting_since, ?) where username = ?")
                    .params(Timestamp.from(now), account.username().value())
                    .update();
            return;
        }
        email(account, person, focus, now);
    }

    private void tellWaiting(Instant now) {
        List<String> waiting = jdbc.sql("select username from notification_account where emails_on"
                        + " and waiting_since is not null and last_sent_at <= ? order by username")
                .param(Timestamp.from(now.minus(interval)))
                .query(String.class)
                .list();
        for (String username : waiting) {
            PortalAccount account = accounts.find(Username.of(username))
                    .filter(PortalAccount::bound)
                    .orElse(null);
            if (account == null) {
                jdbc.sql("update notification_account set waiting_since = null where username = ?")
                        .param(username)
                        .update();
                continue;
            }
            email(account, null, "Activity/waiting-" + now.toEpochMilli(), now);
        }
    }

    private void email(PortalAccount account, PersonId person, String focus, Instant now) {
        // The email says only that there is something to see (messaging's email channel): no name, event or reason.
        deliveries.send(new Notification(TOPIC, focus, person, SENDER), List.of(Receiver.email(account.email())));
        jdbc.sql("update notification_account set last_sent_at = ?, waiting_since = null where username = ?")
                .params(Timestamp.from(now), account.username().value())
                .update();
    }
}
