package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.HistoryPage;
import org.ecarehub.access.PortalHistory;
import org.ecarehub.access.PortalHistoryStory;
import org.ecarehub.access.Requester;
import org.ecarehub.support.Browser;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-browser verifier ({@code static/js/history-verifier.js}) in headless Chromium, on David Thomson's real view of
 * his mother's history from a running hub, and on copies a test double has tampered with: a changed proof, a wrong
 * signature and a gap in the chain must each show "not verified".
 */
@Tag("browser")
class HistoryVerifierBrowserIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void marksRealEntriesVerifiedAndEveryTamperedOneNotVerified() throws Exception {
        Map<String, String> pages = new HashMap<>();
        try (RunningHub hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir))) {
            PortalHistoryStory story = PortalHistoryStory.tell(hub);
            HistoryPage page = hub.bean(PortalHistory.class)
                    .page(new Requester.Portal("david.thomson", story.david), story.agnes, Long.MAX_VALUE, 500)
                    .orElseThrow();
            pages.put("good", JSON.writeValueAsString(HistoryJson.page(page)));
        }
        ObjectNode good = (ObjectNode) JSON.readTree(pages.get("good"));
        int proven = firstProven(good);

        ObjectNode tamperedProof = good.deepCopy();
        ArrayNode path = (ArrayNode)
                tamperedProof.path("entries").path(proven).path("proof").path("audit_path");
        path.set(0, flipped(path.get(0).asString()));
        pages.put("tampered-proof", JSON.writeValueAsString(tamperedProof));

        ObjectNode wrongSignature = good.deepCopy();
        ObjectNode head = (ObjectNode) wrongSignature.path("tree_head");
        head.put("tree_head_signature", flipped(head.path("tree_head_signature").asString()));
        pages.put("wrong-signature", JSON.writeValueAsString(wrongSignature));

        // The test double leaves out an event in the middle of the chain, as a hub hiding one would.
        ObjectNode gap = good.deepCopy();
        ArrayNode entries = (ArrayNode) gap.path("entries");
        int removed = proven + 1;
        while (entries.get(removed).path("chain").isNull()) {
            removed++;
        }
        entries.remove(removed);
        pages.put("gap", JSON.writeValueAsString(gap));

        HttpServer server = serve(pages);
        try (Browser browser = Browser.start()) {
            String base = "http://localhost:" + server.getAddress().getPort();

            List<WebElement> marks = check(browser, base, "good");
            assertThat(browser.driver().findElement(By.tagName("body")).getDomAttribute("data-ed25519"))
                    .as("Debian's Chromium verifies Ed25519 in WebCrypto")
                    .isEqualTo("true");
            assertThat(browser.driver()
                            .findElement(By.cssSelector("[data-log-key-id]"))
                            .getText())
                    .isEqualTo(good.path("public_key").path("key_id").asString());
            List<JsonNode> all = list(good.path("entries"));
            for (int i = 0; i < all.size(); i++) {
                boolean provable = all.get(i).path("kind").asString().equals("shown")
                        && !all.get(i).path("proof").path("audit_path").isNull();
                assertThat(marks.get(i).getText())
                        .as("entry %d (%s)", i, all.get(i).path("kind").asString())
                        .isEqualTo(provable ? "verified" : "not verified");
            }
            assertThat(marks.get(proven).getText()).isEqualTo("verified");

            assertThat(check(browser, base, "tampered-proof").get(proven).getText())
                    .isEqualTo("not verified");
            assertThat(check(browser, base, "wrong-signature"))
                    .allSatisfy(mark -> assertThat(mark.getText()).isEqualTo("not verified"));
            List<WebElement> withGap = check(browser, base, "gap");
            assertThat(withGap.stream().map(WebElement::getText))
                    .as("the entry after the missing one")
                    .contains("not verified");
            assertThat(withGap.get(removed - 1).getText()).isEqualTo("not verified");
        } finally {
            server.stop(0);
        }
    }

    private static List<WebElement> check(Browser browser, String base, String page) {
        browser.driver().get(base + "/check.html?page=" + page);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(driver ->
                        "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-done")));
        return browser.driver().findElements(By.cssSelector("#entries [data-verification]"));
    }

    private static int firstProven(JsonNode page) {
        List<JsonNode> entries = list(page.path("entries"));
        for (int i = 0; i < entries.size() - 1; i++) {
            if (entries.get(i).path("kind").asString().equals("shown")
                    && !entries.get(i).path("proof").path("audit_path").isNull()) {
                return i;
            }
        }
        throw new AssertionError("no proven entry");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    private static String flipped(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[bytes.length - 1] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Serves the test page, its driver, the real verifier from the project's static files, and the pages. */
    private static HttpServer serve(Map<String, String> pages) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        files.put("/check.html", resource("check.html"));
        files.put("/check.js", resource("check.js"));
        files.put(
                "/history-verifier.js",
                Files.readAllBytes(Path.of("src/main/resources/static/js/history-verifier.js")));
        pages.forEach((name, json) -> files.put("/" + name + ".json", json.getBytes(StandardCharsets.UTF_8)));
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String path = exchange.getRequestURI().getPath();
            exchange.getResponseHeaders()
                    .set(
                            "Content-Type",
                            path.endsWith(".js")
                                    ? "text/javascript"
                                    : path.endsWith(".json") ? "application/json" : "text/html; charset=utf-8");
            // The portal's policy: scripts from the page's own origin only, none inline.
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'self'");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static byte[] resource(String name) throws IOException {
        try (var in = HistoryVerifierBrowserIntegrationTests.class.getResourceAsStream("/history-verifier/" + name)) {
            return in.readAllBytes();
        }
    }
}
