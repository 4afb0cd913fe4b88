package org.ecarehub.web;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.HistoryEntry;
import org.ecarehub.access.HistoryPage;
import org.ecarehub.transparency.SignedTreeHead;

/**
 * The JSON of a person's access history, for the portal page, its in-browser verifier and the subject access export
 * (docs/transparency.md, "The person's view of their history"). Hashes, salts and keys in base64, as at {@code
 * /log/v1}; the tree head in {@code get-sth}'s shape.
 */
final class HistoryJson {

    static final String NOT_INCLUDED = "Sealed items are never included. Items and accesses withheld under an exemption"
            + " are not included: where the exemption allows (serious-harm, third-party, legal-privilege) an entry says"
            + " so, with the exemption and the date of its review; otherwise the event appears only as a link in the"
            + " chain, like every event you may not see (of another kind, or about categories outside your authority).";

    private HistoryJson() {}

    static Map<String, Object> page(HistoryPage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("format", "ecare-history-1");
        body.put("public_key", publicKey(page));
        body.put("tree_head", page.head() == null ? null : treeHead(page.head()));
        List<Map<String, Object>> entries = new ArrayList<>(page.entries().size());
        page.entries().forEach(entry -> entries.add(entry(entry)));
        body.put("entries", entries);
        body.put("next", page.next() == null ? null : Long.toString(page.next()));
        return body;
    }

    static Map<String, Object> export(HistoryPage page) {
        Map<String, Object> body = page(page);
        body.remove("next");
        body.put("not_included", NOT_INCLUDED);
        return body;
    }

    private static Map<String, Object> publicKey(HistoryPage page) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("key", base64(page.key().der()));
        key.put("key_id", page.key().keyId());
        return key;
    }

    private static Map<String, Object> treeHead(SignedTreeHead head) {
        Map<String, Object> body = TransparencyLogApi.treeHeadJson(head);
        body.put("key_id", head.keyId());
        return body;
    }

    private static Map<String, Object> entry(HistoryEntry entry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", entry.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (entry.link() != null) {
            Map<String, Object> chain = new LinkedHashMap<>();
            chain.put("person", entry.link().person().value());
            chain.put("seq", entry.link().sequence());
            chain.put("leaf_index", entry.link().leafIndex());
            chain.put(
                    "previous_leaf",
                    entry.link().previousLeaf() < 0 ? null : entry.link().previousLeaf());
            body.put("chain", chain);
        } else {
            body.put("chain", null);
        }
        if (entry.access() != null) {
            HistoryEntry.Access access = entry.access();
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("event_id", Long.toString(access.eventId()));
            shown.put("time", access.time().toString());
            shown.put("type", access.type());
            shown.put("actor", access.kind());
            shown.put("agency", access.agency());
            shown.put("roles", access.roles());
            shown.put("account", access.account());
            shown.put("action", access.action());
            shown.put("categories", access.categories());
            shown.put("purpose", access.purpose());
            shown.put("basis", access.basis());
            shown.put("break_glass_reason", access.breakGlassReason());
            shown.put("recipient", access.recipient());
            shown.put("decision", access.allowed() ? "allow" : "deny");
            body.put("access", shown);
        }
        if (entry.proof() != null) {
            HistoryEntry.Proof proof = entry.proof();
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("event", proof.event());
            check.put("salt", base64(proof.salt()));
            check.put("timestamp", proof.timestampMillis());
            check.put("event_type", proof.eventType());
            check.put("leaf_input", proof.leafInput() == null ? null : base64(proof.leafInput()));
            check.put(
                    "audit_path",
                    proof.auditPath() == null
                            ? null
                            : proof.auditPath().stream()
                                    .map(HistoryJson::base64)
                                    .toList());
            body.put("proof", check);
        }
        if (entry.notice() != null) {
            Map<String, Object> notice = new LinkedHashMap<>();
            notice.put("exemption", entry.notice().exemption());
            notice.put("until", entry.notice().until().toString());
            body.put("notice", notice);
        }
        return body;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
