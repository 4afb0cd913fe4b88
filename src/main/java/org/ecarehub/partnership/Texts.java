package org.ecarehub.partnership;

final class Texts {

    private Texts() {}

    static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }
}
