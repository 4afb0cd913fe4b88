package org.ecarehub.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.shared.Username;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Ends the session of a staff account that the partnership in force no longer has as active, on its next request. */
class ActiveAccountFilter extends OncePerRequestFilter {

    private final Partnerships partnerships;

    ActiveAccountFilter(Partnerships partnerships) {
        this.partnerships = partnerships;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)
                && Username.parse(authentication.getName())
                        .flatMap(partnerships::activeStaff)
                        .isEmpty()) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/sign-in?ended");
            return;
        }
        chain.doFilter(request, response);
    }
}
