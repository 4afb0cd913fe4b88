package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import org.ecarehub.identity.Callers;
import org.ecarehub.identity.PortalAccounts;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the signed-in practitioner and their purpose of use, for the header. */
@ControllerAdvice
class WorkspaceAdvice {

    private final Workspace workspace;
    private final Callers callers;
    private final PortalAccounts accounts;

    WorkspaceAdvice(Workspace workspace, Callers callers, PortalAccounts accounts) {
        this.workspace = workspace;
        this.callers = callers;
        this.accounts = accounts;
    }

    @ModelAttribute("practitioner")
    Practitioner practitioner(Authentication authentication, HttpSession session) {
        if (authentication == null || callers.staff(authentication).isEmpty()) {
            return null;
        }
        return workspace.practitioner(authentication, session);
    }

    /** Whether the practitioner checks portal accounts and representatives, for the link to the verification queue. */
    @ModelAttribute("mayVerify")
    boolean mayVerify(Authentication authentication, HttpSession session) {
        Practitioner practitioner = practitioner(authentication, session);
        return practitioner != null && accounts.mayVerify(practitioner.actor());
    }

    @ModelAttribute("purposes")
    PurposeNames purposes() {
        return PurposeNames.INSTANCE;
    }
}
