package org.ecarehub.record.internal;

import org.ecarehub.record.RecordContent;
import org.ecarehub.record.RecordKind;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each kind's content as the JSON text a version row holds. Reading it back builds the content through its checking
 * constructor, so a row that does not make valid content fails loudly instead of reaching a page.
 */
final class ContentJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContentJson() {}

    static String write(RecordContent content) {
        return JSON.writeValueAsString(content);
    }

    static RecordContent read(RecordKind kind, String json) {
        return JSON.readValue(json, kind.contentType());
    }
}
