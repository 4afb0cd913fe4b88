package org.ecarehub.access;

import java.util.List;

/** A break-glass request opened nothing: every problem is said, in words for the user. */
public class BreakGlassRefused extends IllegalArgumentException {

    private final List<String> problems;

    public BreakGlassRefused(List<String> problems) {
        super("break-glass was not opened: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
