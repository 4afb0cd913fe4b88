package org.ecarehub.fhir.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ecarehub.shared.Admission;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each FHIR request a turn at the processors before anything else of it runs, bearer token checks included
 * ({@link Admission}); a request waiting for the transparency log's commit gives its turn up meanwhile.
 */
final class AdmissionFilter extends OncePerRequestFilter {

    private final Admission admission;

    AdmissionFilter(Admission admission) {
        this.admission = admission;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            admission.admitted(() -> {
                try {
                    chain.doFilter(request, response);
                } catch (ServletException e) {
                    throw new Failed(e);
                }
            });
        } catch (Failed e) {
            throw (ServletException) e.getCause();
        }
    }

    /** Carries a servlet exception through {@link Admission.Work}, which may throw one checked type only. */
    private static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;

        Failed(ServletException cause) {
            super(cause);
        }
    }
}
