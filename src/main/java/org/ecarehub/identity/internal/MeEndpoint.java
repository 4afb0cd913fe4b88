package org.ecarehub.identity.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: the calling staff account, exactly as the contract in ARCHITECTURE.md shows. */
@RestController
class MeEndpoint {

    static final String PURPOSE_HEADER = "X-Purpose-Of-Use";

    private final Partnerships partnerships;
    private final PartnershipCallers callers;

    MeEndpoint(Partnerships partnerships, PartnershipCallers callers) {
        this.partnerships = partnerships;
        this.callers = callers;
    }

    @GetMapping("/api/me")
    ResponseEntity<Map<String, Object>> me(
            Authentication authenticated,
            @RequestHeader(name = PURPOSE_HEADER, required = false) String purposeHeader) {
        if (!(authenticated instanceof StaffTokenAuthentication authentication)) {
            return error(
                    HttpStatus.FORBIDDEN,
                    "not-staff",
                    "/api/me describes staff accounts; this token is an agency system's");
        }
        StaffAccount account = partnerships
                .activeStaff((org.ecarehub.shared.Username) authentication.getPrincipal())
                .orElseThrow();
        String code = purposeHeader != null ? purposeHeader.strip() : authentication.purposeClaim();
        Purpose purpose =
                code == null ? Purpose.DIRECT_CARE : Purpose.fromCode(code).orElse(null);
        if (purpose == null) {
            return error(HttpStatus.BAD_REQUEST, "unknown-purpose", "unknown purpose of use '" + code + "'");
        }
        if (!partnerships.current().partnership().mayUse(account, purpose)) {
            return error(
                    HttpStatus.FORBIDDEN,
                    "purpose-not-allowed",
                    "the account's roles may not use the purpose '" + purpose.code() + "'");
        }
        var caller = callers.describe(account, purpose);
        Map<String, Object> agency = new LinkedHashMap<>();
        agency.put("id", caller.agency().id().value());
        agency.put("name", caller.agency().name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", account.username().value());
        body.put("displayName", account.displayName());
        body.put("agency", agency);
        body.put("roles", account.roles().stream().map(role -> role.value()).toList());
        body.put("teams", account.teams().stream().map(team -> team.value()).toList());
        body.put("purpose", purpose.code());
        return ResponseEntity.ok(body);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status).body(Map.of("error", error, "message", message));
    }
}
