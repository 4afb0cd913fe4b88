package org.ecarehub.web;

import java.util.List;

/**
 * One reading of a person's history as the portal's page lists it: the entries kept by the filter, in words, and the
 * JSON of everything that was read (with every link of the chain and every proof), which the page carries for the
 * browser to check the entries against the signed log without a second, separately logged reading.
 *
 * @param more older events remain below this reading, so its oldest link may lack its predecessor
 */
public record HistoryBlock(String json, boolean more, List<HistoryLine> lines) {

    public HistoryBlock {
        lines = List.copyOf(lines);
    }
}
