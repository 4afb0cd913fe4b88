package org.ecarehub.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The raise-a-concern form as the user typed it, kept to redisplay after an error: the kind, priority, concern, a
 * justification for the protection purpose, and rows of person ids with their roles.
 */
public record ProtectionForm(
        String kind, String priority, String concern, String justification, List<String> ids, List<String> roles) {

    public ProtectionForm {
        ids = Collections.unmodifiableList(new ArrayList<>(ids));
        roles = Collections.unmodifiableList(new ArrayList<>(roles));
    }

    /** An empty form whose first row names the person the user came from as a subject. */
    static ProtectionForm about(String person, int rows) {
        List<String> ids = new ArrayList<>(Collections.nCopies(rows, (String) null));
        List<String> roles = new ArrayList<>(Collections.nCopies(rows, (String) null));
        if (person != null) {
            ids.set(0, person);
            roles.set(0, "subject");
        }
        return new ProtectionForm(null, null, null, null, ids, roles);
    }

    public String id(int row) {
        return ids.get(row - 1);
    }

    public String role(int row) {
        return roles.get(row - 1);
    }

    @Override
    public String toString() {
        return "ProtectionForm[" + kind + ", " + priority + "]";
    }
}
