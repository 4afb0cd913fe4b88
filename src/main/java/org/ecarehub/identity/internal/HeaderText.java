package org.ecarehub.identity.internal;

/**
 * What Spring Security's {@code StrictHttpFirewall} lets through in header names and values, checked a character at a
 * time instead of by its regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*} for names, the same with
 * tab allowed for values). The firewall checks a header each time it is read, and a FHIR request's bearer token, a
 * kilobyte, is read several times: those expressions were about a twelfth of the hub's processor time in the FHIR
 * read benchmark. The rules are the same: every code point assigned in Unicode and none a control character (Cc),
 * except a tab in a value; {@code HeaderTextTests} holds them to the expressions.
 */
final class HeaderText {

    private HeaderText() {}

    /** A header name the firewall's default would allow. */
    static boolean allowedName(String name) {
        return allowed(name, false);
    }

    /** A header value the firewall's default would allow. */
    static boolean allowedValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                // Printable ASCII: assigned and never a control character.
                i++;
                continue;
            }
            int point = text.codePointAt(i);
            int type = Character.getType(point);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && point == '\t'))) {
                return false;
            }
            i += Character.charCount(point);
        }
        return true;
    }
}
