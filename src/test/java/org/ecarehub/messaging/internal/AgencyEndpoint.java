package org.ecarehub.messaging.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agency system's rest-hook endpoint, in-process over real HTTP: it checks each request's signature with the
 * secret it shares with the hub, records what arrived, and answers as the test tells it (acknowledge, fail with 500,
 * hang past the hub's read timeout, or be down altogether: no server on the port).
 */
final class AgencyEndpoint implements AutoCloseable {

    enum Behaviour {
        ACKNOWLEDGE,
        FAIL,
        HANG
    }

    /**
     * One request as it arrived.
     *
     * @param arrivedNanos {@link System#nanoTime()} when the request was read, so a benchmark in the same JVM can
     *     measure from the sender's commit to the receiver's answer
     */
    record Received(
            String deliveryId,
            String topic,
            String signature,
            byte[] body,
            boolean signatureValid,
            long arrivedNanos) {}

    private final String secret;
    private final int port;
    // A queue, not a copy-on-write list: the messages benchmark adds 150,000 arrivals, and copying the whole list for
    // each cost the hub's JVM, which the receivers share, more with every arrival.
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger mostAtOnceForOneDelivery = new AtomicInteger();
    private volatile Behaviour behaviour = Behaviour.ACKNOWLEDGE;
    private volatile long workMillis;
    private volatile boolean keepBodies = true;
    private HttpServer server;

    AgencyEndpoint(String secret) {
        this(secret, 0);
    }

    private AgencyEndpoint(String secret, int port) {
        this.secret = secret;
        this.server = start(port);
        this.port = server.getAddress().getPort();
    }

    private HttpServer start(int port) {
        try {
            HttpServer started = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            started.setExecutor(Executors.newCachedThreadPool());
            started.createContext("/fhir/notify", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    String id = exchange.getRequestHeaders().getFirst("X-Ecare-Delivery-Id");
                    String signature = exchange.getRequestHeaders().getFirst("X-Ecare-Signature");
                    AtomicInteger now = inFlight.computeIfAbsent(String.valueOf(id), key -> new AtomicInteger());
                    mostAtOnceForOneDelivery.accumulateAndGet(now.incrementAndGet(), Math::max);
                    try {
                        received.add(new Received(
                                id,
                                exchange.getRequestHeaders().getFirst("X-Ecare-Topic"),
                                signature,
                                keepBodies ? body : new byte[0],
                                Signatures.sign(body, secret).equals(signature),
                                System.nanoTime()));
                        if (workMillis > 0) {
                            Thread.sleep(workMillis);
                        }
                        switch (behaviour) {
                            case ACKNOWLEDGE -> exchange.sendResponseHeaders(204, -1);
                            case FAIL -> exchange.sendResponseHeaders(500, -1);
                            case HANG -> {
                                Thread.sleep(5_000);
                                exchange.sendResponseHeaders(204, -1);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        now.decrementAndGet();
                    }
                }
            });
            started.start();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/fhir/notify";
    }

    void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Takes this long over each request before answering, so overlapping attempts would be seen. */
    void work(long millis) {
        this.workMillis = millis;
    }

    /** Stops listening: connections are refused until {@link #up()}. */
    void down() {
        server.stop(0);
    }

    void up() {
        server = start(port);
    }

    /**
     * Keeps each request's headers and arrival but not its body (its signature is still checked), so that a
     * benchmark's hundred thousand arrivals do not fill the heap of the hub's JVM, which the receivers share.
     */
    void forgetBodies() {
        this.keepBodies = false;
    }

    /** Forgets what arrived so far, as after a benchmark's warm-up. */
    void clear() {
        received.clear();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> receivedFor(String deliveryId) {
        return received.stream().filter(r -> deliveryId.equals(r.deliveryId())).toList();
    }

    /** The most requests for one delivery id that were ever being answered at the same moment. */
    int mostAtOnceForOneDelivery() {
        return mostAtOnceForOneDelivery.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
