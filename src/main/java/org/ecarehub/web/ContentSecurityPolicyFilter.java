package org.ecarehub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A strict Content-Security-Policy on every response: for pages, no inline script but the one GOV.UK Frontend's
 * template needs, allowed by a nonce that is new for every response; for the FHIR and JSON interfaces, which render
 * no page, nothing at all may load ({@code default-src 'none'}), so their responses need no nonce.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ContentSecurityPolicyFilter extends OncePerRequestFilter {

    static final String NONCE_ATTRIBUTE = "cspNonce";

    /** What an interface answer may load: nothing, and it may not be framed (OWASP's advice for APIs). */
    static final String INTERFACE_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private final SecureRandom random = new SecureRandom();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/fhir/") || path.equals("/fhir") || path.startsWith("/api/")) {
            // The JDK's SecureRandom serialises its callers on one lock: on the FHIR read path, one in every few
            // hundred requests waited there, for a nonce no interface answer uses.
            response.setHeader("Content-Security-Policy", INTERFACE_POLICY);
            chain.doFilter(request, response);
            return;
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        request.setAttribute(NONCE_ATTRIBUTE, nonce);
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self'; img-src 'self' data:;"
                        + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
                        + " form-action 'self'; frame-ancestors 'none'");
        chain.doFilter(request, response);
    }
}
