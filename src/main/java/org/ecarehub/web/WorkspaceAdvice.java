package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import org.ecarehub.identity.Callers;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the signed-in practitioner and their purpose of use, for the header. */
@ControllerAdvice
class WorkspaceAdvice {

    private final Workspace workspace;
    private final Callers callers;

    WorkspaceAdvice(Workspace workspace, Callers callers) {
        this.workspace = workspace;
        this.callers = callers;
    }

    @ModelAttribute("practitioner")
    Practitioner practitioner(Authentication authentication, HttpSession session) {
        if (authentication == null || callers.staff(authentication).isEmpty()) {
            return null;
        }
        return workspace.practitioner(authentication, session);
    }

    @ModelAttribute("purposes")
    PurposeNames purposes() {
        return PurposeNames.INSTANCE;
    }
}
