package org.ecarehub.record;

/** A letter, report or note held on the record, of the category its author gives the item. */
public record Document(String title, String text) implements RecordContent {

    public Document {
        title = Checks.required(title, "the document's title", Checks.SHORT_TEXT);
        text = Checks.required(text, "the document's text", Checks.LONG_TEXT);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.DOCUMENT;
    }
}
