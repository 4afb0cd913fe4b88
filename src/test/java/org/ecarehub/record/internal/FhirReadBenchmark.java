package org.ecarehub.record.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.ecarehub.shared.PersonId;

/**
 * The hub's side of the FHIR read benchmark (issue 9, "Performance"), run by {@code bench/fhir.sh}: the hub in serve
 * mode over HTTP on the summary benchmark's 100,000 people on PostgreSQL ({@link SummaryReadBenchmark.Seeded}), every
 * person read once in process so that its caches are warm as on a hub that has run a while, and two files for the
 * load generator: bearer tokens of the social workers ({@code tokens}, one a line) and for each person their id and the
 * line of a token of a social worker of the team involved with them ({@code people}). Then {@code ready}, and the hub
 * serves until the process is stopped.
 */
public final class FhirReadBenchmark {

    private FhirReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String schema = args[1];
        int people = Integer.parseInt(args[2]);
        int port = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        SummaryReadBenchmark.Seeded seeded =
                SummaryReadBenchmark.Seeded.start(url, schema, people, 48, Map.of("server.port", port));
        Runtime.getRuntime().addShutdownHook(new Thread(seeded::close));
        List<PersonId> ids = seeded.ids();
        long warming = System.nanoTime();
        SummaryReadBenchmark.readEveryone(seeded.hub(), ids, 16);
        System.out.printf("every person read once in %.0f s%n", (System.nanoTime() - warming) / 1e9);

        Map<String, Integer> tokenLines = new LinkedHashMap<>();
        List<String> tokens = new ArrayList<>();
        List<String> lines = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            // The social worker the summary benchmark's warm pass read the person as, so their caches hold them.
            String username = SummaryReadBenchmark.socialWorkerName(i, i);
            Integer line = tokenLines.get(username);
            if (line == null) {
                tokens.add(seeded.hub().staffToken(username));
                line = tokens.size();
                tokenLines.put(username, line);
            }
            lines.add(ids.get(i).value() + " " + line);
        }
        // HAPI builds its model of R4 on the servlet's first request (seconds): not in the load generator's warm-up.
        java.net.http.HttpResponse<String> metadata =
                seeded.hub().get(java.net.http.HttpClient.newHttpClient(), "/fhir/metadata");
        if (metadata.statusCode() != 200) {
            throw new IllegalStateException("the FHIR server did not start: HTTP " + metadata.statusCode());
        }
        Files.write(out.resolve("tokens"), tokens);
        Files.write(out.resolve("people"), lines);
        Files.writeString(out.resolve("ready"), "ready\n");
        System.out.println("hub ready on port " + port + " with " + tokens.size() + " tokens");
        new CountDownLatch(1).await();
    }
}
