package org.ecarehub.web;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.identity.Callers;
import org.ecarehub.identity.StaffCaller;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.transparency.LogUnavailable;
import org.ecarehub.transparency.SignedTreeHead;
import org.ecarehub.transparency.TransparencyLog;
import org.ecarehub.transparency.TransparencyLog.ProofRequestRejected;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The transparency log's HTTP API at {@code /log/v1/}, in the shape of RFC 6962 section 4: anyone may fetch tree
 * heads, proofs and the public key; the leaf inputs themselves only staff whose roles may use the {@code audit}
 * purpose (the data protection officer, auditors).
 */
@RestController
@RequestMapping("/log/v1")
class TransparencyLogApi {

    static final int MAX_ENTRIES = 1000;

    private final TransparencyLog log;
    private final Callers callers;
    private final Partnerships partnerships;

    TransparencyLogApi(TransparencyLog log, Callers callers, Partnerships partnerships) {
        this.log = log;
        this.callers = callers;
        this.partnerships = partnerships;
    }

    @GetMapping("/get-sth")
    ResponseEntity<Map<String, Object>> treeHead() {
        return log.latestTreeHead()
                .map(head -> ok(treeHeadJson(head)))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no-tree-head", "the log has no signed tree head yet"));
    }

    @GetMapping("/get-sth-consistency")
    ResponseEntity<Map<String, Object>> consistency(@RequestParam String first, @RequestParam String second) {
        List<byte[]> proof = log.consistencyProof(number("first", first), number("second", second));
        return ok(Map.of("consistency", base64(proof)));
    }

    @GetMapping("/get-proof-by-hash")
    ResponseEntity<Map<String, Object>> proofByHash(
            @RequestParam String hash, @RequestParam("tree_size") String treeSize) {
        byte[] leafHash = hash(hash);
        return log.inclusionProof(leafHash, number("tree_size", treeSize))
                .map(proof -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("leaf_index", proof.leafIndex());
                    body.put("audit_path", base64(proof.auditPath()));
                    return ok(body);
                })
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "unknown-hash", "no leaf with this hash in that tree"));
    }

    @GetMapping("/get-entries")
    ResponseEntity<Map<String, Object>> entries(
            Authentication authentication,
            @RequestHeader(name = "X-Purpose-Of-Use", required = false) String purposeHeader,
            @RequestParam String start,
            @RequestParam String end) {
        StaffCaller caller = callers.staff(authentication).orElse(null);
        if (caller == null) {
            return error(HttpStatus.UNAUTHORIZED, "not-signed-in", "a staff token is needed for the log's entries");
        }
        Purpose purpose = purposeHeader == null
                ? Purpose.AUDIT
                : Purpose.fromCode(purposeHeader.strip()).orElse(null);
        if (purpose != Purpose.AUDIT || !partnerships.current().partnership().mayUse(caller.account(), Purpose.AUDIT)) {
            return error(
                    HttpStatus.FORBIDDEN,
                    "audit-only",
                    "the log's entries are for staff whose roles may use the audit purpose, and for that purpose");
        }
        List<Map<String, String>> entries =
                log.leafInputs(number("start", start), number("end", end), MAX_ENTRIES).stream()
                        .map(input -> Map.of("leaf_input", Base64.getEncoder().encodeToString(input), "extra_data", ""))
                        .toList();
        return ok(Map.of("entries", entries));
    }

    @GetMapping("/public-key")
    ResponseEntity<Map<String, Object>> publicKey() {
        TransparencyLog.LogPublicKey key = log.publicKey();
        return ok(Map.of("key", Base64.getEncoder().encodeToString(key.der()), "key_id", key.keyId()));
    }

    @ExceptionHandler(ProofRequestRejected.class)
    ResponseEntity<Map<String, Object>> rejected(ProofRequestRejected e) {
        return error(HttpStatus.BAD_REQUEST, "bad-request", e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "bad-request", "the parameter '" + e.getParameterName() + "' is missing");
    }

    @ExceptionHandler(LogUnavailable.class)
    ResponseEntity<Map<String, Object>> unavailable(LogUnavailable e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "log-unavailable", "the transparency log cannot be read now");
    }

    static Map<String, Object> treeHeadJson(SignedTreeHead head) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tree_size", head.treeSize());
        body.put("timestamp", head.timestamp());
        body.put("sha256_root_hash", Base64.getEncoder().encodeToString(head.rootHash()));
        body.put("tree_head_signature", Base64.getEncoder().encodeToString(head.signature()));
        return body;
    }

    private static long number(String name, String value) {
        try {
            long number = Long.parseLong(value.strip());
            if (number < 0) {
                throw new ProofRequestRejected(name + " must not be negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ProofRequestRejected(name + " must be a whole number");
        }
    }

    private static byte[] hash(String value) {
        try {
            // A '+' that a client left unencoded in the query string arrives as a space.
            byte[] hash = Base64.getDecoder().decode(value.replace(' ', '+').strip());
            if (hash.length != 32) {
                throw new ProofRequestRejected("hash must be the base64 of 32 bytes");
            }
            return hash;
        } catch (IllegalArgumentException e) {
            throw new ProofRequestRejected("hash must be the base64 of 32 bytes");
        }
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }

    private static ResponseEntity<Map<String, Object>> ok(Map<String, Object> body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .body(Map.of("error", error, "message", message));
    }
}
