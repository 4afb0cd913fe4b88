package org.ecarehub.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdmissionTests {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void admitsNoMoreThanItsTurnsAtOnce() throws Exception {
        Admission admission = new Admission(3);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            done.add(threads.submit(() -> {
                admission.admitted(() -> {
                    most.accumulateAndGet(now.incrementAndGet(), Math::max);
                    Thread.sleep(20);
                    now.decrementAndGet();
                });
                return null;
            }));
        }
        for (Future<?> each : done) {
            each.get(10, TimeUnit.SECONDS);
        }

        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void aRequestWaitingOutsideItsTurnLetsTheNextOneRun() throws Exception {
        Admission admission = new Admission(1);
        CountDownLatch committed = new CountDownLatch(1);
        CountDownLatch secondRan = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> {
            String[] answer = new String[1];
            admission.admitted(() -> answer[0] = Admission.awaiting(() -> {
                committed.await();
                return "committed";
            }));
            return answer[0];
        });
        Future<?> second = threads.submit(() -> {
            admission.admitted(secondRan::countDown);
            return null;
        });

        // The only turn is free while the first waits, so the second runs before the first's wait ends.
        assertThat(secondRan.await(5, TimeUnit.SECONDS)).isTrue();
        second.get(5, TimeUnit.SECONDS);
        committed.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("committed");
    }

    @Test
    void aWaitTakesTheTurnBackBeforeTheWorkGoesOn() throws Exception {
        Admission admission = new Admission(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch waited = new CountDownLatch(1);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Future<?> waiter = threads.submit(() -> {
            admission.admitted(() -> {
                Admission.awaiting(() -> {
                    holding.await();
                    return null;
                });
                waited.countDown();
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                now.decrementAndGet();
            });
            return null;
        });
        Future<?> holder = threads.submit(() -> {
            admission.admitted(() -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                holding.countDown();
                release.await();
                now.decrementAndGet();
            });
            return null;
        });

        // The waiter's wait is over, but the holder has the only turn: the waiter goes on only after it.
        assertThat(waited.await(300, TimeUnit.MILLISECONDS)).isFalse();
        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
        waiter.get(5, TimeUnit.SECONDS);
        assertThat(most.get()).isEqualTo(1);
    }

    @Test
    void aNestedAdmissionKeepsTheTurnItHolds() throws Exception {
        Admission admission = new Admission(1);
        Future<Boolean> nested = threads.submit(() -> {
            boolean[] ran = new boolean[1];
            admission.admitted(() -> admission.admitted(() -> ran[0] = true));
            return ran[0];
        });

        assertThat(nested.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWaitWithoutATurnJustWaitsAndAThrowingWorkGivesItsTurnBack() throws Exception {
        Admission admission = new Admission(1);
        assertThat(Admission.<String, RuntimeException>awaiting(() -> "no turn held"))
                .isEqualTo("no turn held");
        assertThatThrownBy(() -> admission.admitted(() -> {
                    throw new IllegalStateException("failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        Future<Boolean> after = threads.submit(() -> {
            boolean[] ran = new boolean[1];
            admission.admitted(() -> ran[0] = true);
            return ran[0];
        });
        assertThat(after.get(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> new Admission(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
