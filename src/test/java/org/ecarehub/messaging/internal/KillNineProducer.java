package org.ecarehub.messaging.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;

/**
 * The hub that {@link DeliveriesKillNineIntegrationTests} kills: started in its own JVM, it raises messages one after
 * another (protection messages, by {@link MessageProducer}) and prints a line to standard output for each once its
 * transaction has committed, {@code committed FOCUS SUBJECT ID...}: the message's focus ({@code Communication/N}), the
 * id of the child it is about, and the delivery ids in {@link MessageProducer#RECEIVERS}' order. Everything else it
 * writes goes to standard error.
 *
 * <p>Arguments: database URL, user, password, data directory, partnership file, number of messages. The hub runs with
 * {@link DeliveriesKillNineIntegrationTests#properties()}, as the hub that takes over does.
 */
final class KillNineProducer {

    private KillNineProducer() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        TestDatabase database = new TestDatabase(args[0], args[1], args[2]);
        Path dataDir = Path.of(args[3]);
        int messages = Integer.parseInt(args[5]);
        Map<String, Object> properties = new java.util.LinkedHashMap<>(DeliveriesKillNineIntegrationTests.properties());
        properties.put("ecare.partnership-file", args[4]);
        RunningHub hub = RunningHub.start("serve", dataDir, database, properties);
        MessageProducer producer = new MessageProducer(hub, DeliveriesKillNineIntegrationTests.FAMILIES);
        out.println("started");
        out.flush();
        for (int i = 0; i < messages; i++) {
            MessageProducer.Sent sent = producer.raise(i);
            out.println("committed " + sent.focus() + " " + sent.subject().value() + " "
                    + sent.deliveries().stream().map(DeliveryId::value).collect(Collectors.joining(" ")));
            out.flush();
        }
        out.println("finished");
        out.flush();
        hub.close();
    }
}
