package org.ecarehub.web;

import java.util.ArrayList;
import java.util.List;
import org.ecarehub.access.HistoryEntry;
import org.ecarehub.access.HistoryPage;

/**
 * A person's access history as CSV (RFC 4180) for a spreadsheet: the entries shown and the withholding notices, never
 * the events the viewer may not see. A cell that a spreadsheet would read as a formula is neutralised (OWASP's advice
 * on CSV injection), since a break-glass reason is text a member of staff typed.
 */
final class HistoryCsv {

    static final String HEADER = "time,type,agency,roles,account,action,categories,purpose,basis,break_glass_reason,"
            + "recipient,decision,withheld_under,withheld_until";

    private HistoryCsv() {}

    static String of(HistoryPage page) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (HistoryEntry entry : page.entries()) {
            List<String> cells = new ArrayList<>();
            if (entry.access() != null) {
                HistoryEntry.Access access = entry.access();
                cells.addAll(List.of(
                        access.time().toString(),
                        access.type(),
                        orEmpty(access.agency()),
                        String.join(" ", access.roles()),
                        orEmpty(access.account()),
                        orEmpty(access.action()),
                        String.join(" ", access.categories()),
                        orEmpty(access.purpose()),
                        orEmpty(access.basis()),
                        orEmpty(access.breakGlassReason()),
                        orEmpty(access.recipient()),
                        access.allowed() ? "allow" : "deny",
                        "",
                        ""));
            } else if (entry.notice() != null) {
                cells.addAll(List.of(
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        entry.notice().exemption(),
                        entry.notice().until().toString()));
            } else {
                continue;
            }
            csv.append(String.join(",", cells.stream().map(HistoryCsv::cell).toList()))
                    .append("\r\n");
        }
        return csv.toString();
    }

    /** One cell: prefixed with a quote when it starts like a formula, then quoted when it needs to be. */
    static String cell(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
