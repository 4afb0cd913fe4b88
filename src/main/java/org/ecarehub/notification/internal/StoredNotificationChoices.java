package org.ecarehub.notification.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.ecarehub.identity.PortalAccount;
import org.ecarehub.identity.PortalAccounts;
import org.ecarehub.notification.NotificationChoices;
import org.ecarehub.notification.NotificationRefused;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The choices over the database, each change logged as a {@code portal-account} event naming the account only. */
@Service
class StoredNotificationChoices implements NotificationChoices {

    private final JdbcClient jdbc;
    private final PortalAccounts accounts;
    private final TransparencyLog log;
    private final Clock clock;

    StoredNotificationChoices(JdbcClient jdbc, PortalAccounts accounts, TransparencyLog log, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public boolean emailsOn(Username account) {
        return jdbc.sql("select emails_on from notification_account where username = ?")
                .param(account.value())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    @Override
    @Transactional
    public void choose(Username account, boolean emailsOn) {
        PortalAccount found =
                accounts.find(account).orElseThrow(() -> new NotificationRefused("no such portal account"));
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("update notification_account set emails_on = ?, chosen_at = ? where username = ?")
                .params(emailsOn, now, account.value())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into notification_account (username, emails_on, chosen_at) values (?, ?, ?)")
                    .params(account.value(), emailsOn, now)
                    .update();
        }
        // Last, inside the transaction: when the log cannot record the choice, it throws and nothing is stored.
        log.append(new LogEvent(
                EventType.PORTAL_ACCOUNT,
                clock.instant(),
                new LogEvent.Who("portal", account.value(), null, List.of()),
                new LogEvent.What(
                        "update",
                        List.of(),
                        List.of(emailsOn ? "notification-emails-on" : "notification-emails-off"),
                        null),
                found.boundTo(),
                LogEvent.Why.of("administration", 0)));
    }
}
