package org.ecarehub.record;

/**
 * An edit named a version of the item that is no longer its latest: someone else changed it first. Nothing was
 * stored; the editor reloads the item and edits its latest version.
 */
public class StaleEdit extends RecordRefused {

    private final transient RecordItemId item;
    private final int expected;
    private final int current;

    public StaleEdit(RecordItemId item, int expected, int current) {
        super("the edit was of version " + expected + " of " + item.reference() + ", but its latest version is "
                + current + ": reload it and edit the latest");
        this.item = item;
        this.expected = expected;
        this.current = current;
    }

    public RecordItemId item() {
        return item;
    }

    public int expected() {
        return expected;
    }

    public int current() {
        return current;
    }
}
