package org.ecarehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.EcareHubApplication;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.Username;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/** A real hub on a random port, over a real database, driven over real HTTP; closed at the end of the test. */
public final class RunningHub implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Path dataDir;
    private final int port;

    private RunningHub(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static RunningHub demo(Path dataDir, TestDatabase database) {
        return start("demo", dataDir, database, Map.of("ecare.demo.people", 0));
    }

    public static RunningHub start(String mode, Path dataDir, TestDatabase database, Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>(database.properties());
        properties.put("server.port", 0);
        properties.put("ecare.mode", mode);
        properties.put("ecare.data-dir", dataDir.toString());
        properties.putAll(extra);
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        SpringApplication application = new SpringApplication(EcareHubApplication.class);
        ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new));
        if ("demo".equals(mode)) {
            awaitDemoPeople(context);
        }
        return new RunningHub(context, dataDir);
    }

    /** The demo seeds its synthetic people once started, in the background: a test starts from the whole demo. */
    private static void awaitDemoPeople(ConfigurableApplicationContext context) {
        org.springframework.jdbc.core.simple.JdbcClient jdbc =
                context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(180);
        while (jdbc.sql("select count(*) from demo_seed where people_seeded_at is not null")
                        .query(Long.class)
                        .single()
                == 0) {
            if (System.nanoTime() > deadline) {
                context.close();
                throw new IllegalStateException("the demo's synthetic people were not seeded within 180 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the demo seeded its people", e);
            }
        }
    }

    /** Records every application event published from now on, as a module test would see them. */
    public PublishedEvents recordEvents() {
        PublishedEvents events = new PublishedEvents();
        context.addApplicationListener(event -> {
            if (event instanceof PayloadApplicationEvent<?> payload) {
                events.add(payload.getPayload());
            }
        });
        return events;
    }

    /** The events published since {@link #recordEvents()}. */
    public static final class PublishedEvents {
        private final List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        void add(Object event) {
            events.add(event);
        }

        public <T> List<T> ofType(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        public void clear() {
            events.clear();
        }
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A staff account of the partnership in force as the actor of a change, as the pages would name them. */
    public Actor staffActor(String username) {
        PartnershipSnapshot current = bean(Partnerships.class).current();
        StaffAccount account =
                current.partnership().staff(Username.of(username)).orElseThrow();
        return Actor.staff(
                account.username(),
                account.agency(),
                account.roles().stream().map(role -> role.value()).toList(),
                current.version());
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String tokenSecret() {
        try {
            return Files.readString(dataDir.resolve("identity/token-secret")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A browser-like client that keeps cookies and does not follow redirects. */
    public static HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A 15-minute bearer token for a staff account, from the embedded issuer, as {@code ./ecare token} gets one. */
    public String staffToken(String username) {
        HttpResponse<String> response = postForm(
                HttpClient.newHttpClient(),
                "/internal/token",
                "user=" + username,
                "X-Ecare-Token-Secret",
                tokenSecret());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + username + ": HTTP " + response.statusCode());
        }
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(response.body())
                .get("access_token")
                .asString();
    }

    public HttpResponse<String> get(HttpClient client, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(client, request.build());
    }

    public HttpResponse<String> postForm(HttpClient client, String path, String form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(client, request.build());
    }

    public static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
