package org.ecarehub.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** A form's problems by field, in the order the page shows its fields, for the GOV.UK error summary. */
public final class FormErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();

    void add(String field, String message) {
        byField.putIfAbsent(field, message);
    }

    public boolean any() {
        return !byField.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String get(String field) {
        return byField.get(field);
    }

    public Map<String, String> all() {
        return byField;
    }
}
