package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecarehub.support.RunningHub;

/**
 * The workspace's page tests over real HTTP: signing in as a demo account, the CSRF token of a form page, posting a
 * form with it, and comparing pages whose per-response nonce and CSRF mask differ.
 */
final class PageForms {

    private PageForms() {}

    static HttpClient signedIn(RunningHub hub, String username) {
        HttpClient browser = RunningHub.browser();
        HttpResponse<String> response = hub.postForm(
                browser, "/sign-in", "username=" + username + "&password=demo&_csrf=" + csrf(hub, browser, "/sign-in"));
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/home"));
        return browser;
    }

    static String csrf(RunningHub hub, HttpClient browser, String page) {
        HttpResponse<String> response = hub.get(browser, page);
        assertThat(response.statusCode()).as(page).isEqualTo(200);
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(response.body());
        assertThat(token.find()).as("a CSRF token on " + page).isTrue();
        return token.group(1);
    }

    static HttpResponse<String> post(RunningHub hub, HttpClient browser, String formPage, String path, String form) {
        return hub.postForm(browser, path, form + "&_csrf=" + csrf(hub, browser, formPage));
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }

    static String withoutNonce(String body) {
        return body.replaceAll("nonce=\"[^\"]*\"", "nonce=\"\"")
                .replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"\"");
    }
}
