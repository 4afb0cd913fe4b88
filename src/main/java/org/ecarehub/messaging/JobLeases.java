package org.ecarehub.messaging;

import java.time.Duration;

/**
 * Timed work done once across all nodes: a job (an escalation sweep, an overdue review sweep) runs on the one node
 * that holds its lease in the database. Every node may call {@link #runExclusively} on its own schedule; only the
 * holder runs the work, and a node that dies stops holding the lease when it expires.
 */
public interface JobLeases {

    /**
     * Runs the work when this node holds, or can take, the job's lease for {@code lease}, and returns whether it ran.
     * The lease is released when the work ends. Choose a lease longer than the work can take: a node whose work
     * outlasts its lease may overlap with the next holder.
     *
     * @throws MessagingRefused when the job's name is not a code or the lease is not positive
     */
    boolean runExclusively(String job, Duration lease, Runnable work);
}
