package org.ecarehub.partnership;

import java.util.Optional;

/** What a staff account does with a record item: sending it to another agency is {@code disclose}. */
public enum Action implements Coded {
    READ("read"),
    CREATE("create"),
    UPDATE("update"),
    DISCLOSE("disclose"),
    EXPORT("export");

    private final String code;

    Action(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Optional<Action> fromCode(String code) {
        return Coded.find(values(), code);
    }
}
