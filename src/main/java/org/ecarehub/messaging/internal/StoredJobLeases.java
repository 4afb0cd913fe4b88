package org.ecarehub.messaging.internal;

import static org.ecarehub.messaging.internal.DeliveryRows.timestamp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.ecarehub.messaging.JobLeases;
import org.ecarehub.messaging.MessagingRefused;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job leases as rows of {@code job_lease}: a node takes a job's lease with one conditional update (the row's
 * lease expired), which the database applies to one node at a time, so two nodes can never both
 * see their update succeed. The first node ever to run a job inserts its row; a node that loses that insert race
 * tries the update like everyone else. Each take and release is its own short transaction, so the work itself runs
 * outside any lease transaction.
 */
@Service
class StoredJobLeases implements JobLeases {

    private static final Pattern JOB = Pattern.compile("[a-z0-9][a-z0-9.-]{0,99}");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String node;

    StoredJobLeases(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, DeliveryWorker worker) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.node = worker.node();
    }

    @Override
    public boolean runExclusively(String job, Duration lease, Runnable work) {
        if (job == null || !JOB.matcher(job).matches()) {
            throw new MessagingRefused("a job's name is a code of lower-case letters, digits, '.' and '-'");
        }
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new MessagingRefused("a job's lease must be positive");
        }
        // A holder of its own for each run, so two threads of one node never run the same job at once either.
        String holder = node + "/" + UUID.randomUUID();
        if (!take(job, lease, holder)) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            release(job, holder);
        }
    }

    boolean take(String job, Duration lease, String holder) {
        Instant now = clock.instant();
        Boolean taken = transactions.execute(
                status -> jdbc.sql("update job_lease set holder = ?, expires_at = ? where job = ? and expires_at < ?")
                                .params(holder, timestamp(now.plus(lease)), job, timestamp(now))
                                .update()
                        == 1);
        if (Boolean.TRUE.equals(taken)) {
            return true;
        }
        try {
            return Boolean.TRUE.equals(transactions.execute(
                    status -> jdbc.sql("insert into job_lease (job, holder, expires_at) values (?, ?, ?)")
                                    .params(job, holder, timestamp(now.plus(lease)))
                                    .update()
                            == 1));
        } catch (DataIntegrityViolationException held) {
            return false;
        }
    }

    void release(String job, String holder) {
        transactions.executeWithoutResult(
                status -> jdbc.sql("update job_lease set expires_at = ? where job = ? and holder = ?")
                        .params(timestamp(clock.instant().minusMillis(1)), job, holder)
                        .update());
    }
}
