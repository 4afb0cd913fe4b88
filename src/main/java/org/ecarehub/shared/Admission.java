package org.ecarehub.shared;

import java.util.concurrent.Semaphore;

/**
 * Turns at the processors for requests: at most a few admitted requests compute at once, the others wait in the order
 * they came, and a request gives its turn up while it waits for something other than a processor (the transparency
 * log's commit), taking a turn again, in order, once that is done.
 *
 * <p>Without it every request thread runs at once: on two cores with sixteen requests in flight, the scheduler shares
 * the processors among all of them, each request is interrupted many times, and the slowest ones waited four times as
 * long as the typical one. With turns, a request mostly runs through once it has started.
 */
public final class Admission {

    /** Work done holding a turn. */
    @FunctionalInterface
    public interface Work<E extends Exception> {
        void run() throws E;
    }

    /** A wait done without a turn. */
    @FunctionalInterface
    public interface Wait<T, E extends Exception> {
        T get() throws E;
    }

    private static final ThreadLocal<Admission> HELD = new ThreadLocal<>();

    private final Semaphore turns;

    /** Admits at most {@code turns} at once; fair, so that requests are admitted in the order they asked. */
    public Admission(int turns) {
        if (turns < 1) {
            throw new IllegalArgumentException("at least one request must be admitted at a time");
        }
        this.turns = new Semaphore(turns, true);
    }

    /** Does the work holding a turn; a thread that holds one already (a nested dispatch) keeps it. */
    public <E extends Exception> void admitted(Work<E> work) throws E {
        if (HELD.get() != null) {
            work.run();
            return;
        }
        turns.acquireUninterruptibly();
        HELD.set(this);
        try {
            work.run();
        } finally {
            HELD.remove();
            turns.release();
        }
    }

    /**
     * Waits without the calling thread's turn, if it holds one, and takes a turn again afterwards; a thread holding
     * none just waits.
     */
    public static <T, E extends Exception> T awaiting(Wait<T, E> wait) throws E {
        Admission held = HELD.get();
        if (held == null) {
            return wait.get();
        }
        held.turns.release();
        try {
            return wait.get();
        } finally {
            held.turns.acquireUninterruptibly();
        }
    }
}
