package org.ecarehub.web;

import java.util.ArrayList;
import java.util.List;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.WithheldNotice;

/** One agency's share of a person's record as the portal shows it: its items, and notices of what it withholds. */
public record AgencyShare(String agency, List<ItemView> items, List<WithheldNotice> withheld) {

    AgencyShare(String agency) {
        this(agency, new ArrayList<>(), new ArrayList<>());
    }
}
