package org.ecarehub.consent;

import org.ecarehub.partnership.AgencyType;
import org.ecarehub.shared.AgencyId;

/** Who a consent lets information go to: one agency, or every agency of a type (all GP practices, say). */
public record Recipient(AgencyId agency, AgencyType type) {

    public Recipient {
        if ((agency == null) == (type == null)) {
            throw new IllegalArgumentException("a recipient is either an agency or an agency type");
        }
    }

    public static Recipient agency(AgencyId agency) {
        return new Recipient(agency, null);
    }

    public static Recipient type(AgencyType type) {
        return new Recipient(null, type);
    }

    public boolean includes(AgencyId recipient, AgencyType recipientType) {
        return agency != null ? agency.equals(recipient) : type == recipientType;
    }

    /** As stored and logged: {@code agency:slc-housing} or {@code type:gp-practice}. */
    public String code() {
        return agency != null ? "agency:" + agency.value() : "type:" + type.code();
    }

    public static Recipient fromCode(String code) {
        if (code.startsWith("agency:")) {
            return agency(AgencyId.of(code.substring("agency:".length())));
        }
        if (code.startsWith("type:")) {
            String type = code.substring("type:".length());
            return type(AgencyType.fromCode(type)
                    .orElseThrow(() -> new IllegalArgumentException("unknown agency type " + type)));
        }
        throw new IllegalArgumentException("not a recipient code: " + code);
    }
}
