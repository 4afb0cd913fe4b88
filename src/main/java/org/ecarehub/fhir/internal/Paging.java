package org.ecarehub.fhir.internal;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Stateless offset paging: every page is the search run again, through the module facades and so decided and logged
 * again, for whoever asks, and then cut at {@code _offset} and {@code _count}. Nothing is kept between requests, so a
 * page link replayed by another caller shows that caller's view, and any node answers it. HAPI's paging providers are
 * not used: they keep result lists in one node's memory under ids bound to no caller.
 */
final class Paging {

    /** Entries on a page when the caller does not say. */
    static final int DEFAULT_COUNT = 50;

    /** The most entries a page holds, whatever {@code _count} asks for. */
    static final int MAX_COUNT = 100;

    private Paging() {}

    /** One page of the matches, with no included resources. */
    static IBundleProvider page(RequestDetails request, List<? extends IBaseResource> matches) {
        return page(request, matches, shown -> List.of());
    }

    /**
     * One page of the matches (all of them decided by the caller's facade), sorted as {@code _sort} asks, then the
     * resources {@code includes} adds for that page's matches only. The total is the number of matches, which counts
     * only what the caller may see; {@code _summary=count} and {@code _count=0} give the total alone.
     */
    static IBundleProvider page(
            RequestDetails request,
            List<? extends IBaseResource> matches,
            Function<List<IBaseResource>, List<IBaseResource>> includes) {
        List<IBaseResource> sorted = sorted(request, matches);
        int offset = number(request, "_offset", 0);
        int count = Math.min(number(request, "_count", DEFAULT_COUNT), MAX_COUNT);
        if ("count".equals(first(request, "_summary"))) {
            count = 0;
        }
        int from = Math.min(offset, sorted.size());
        int to = Math.min(from + count, sorted.size());
        List<IBaseResource> shown = new ArrayList<>(sorted.subList(from, to));
        shown.forEach(
                resource -> ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(resource, BundleEntrySearchModeEnum.MATCH));
        List<IBaseResource> entries = new ArrayList<>(shown);
        if (!shown.isEmpty()) {
            Set<String> present = new HashSet<>();
            shown.forEach(resource -> present.add(key(resource)));
            for (IBaseResource included : includes.apply(shown)) {
                if (present.add(key(included))) {
                    ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(included, BundleEntrySearchModeEnum.INCLUDE);
                    entries.add(included);
                }
            }
        }
        SimpleBundleProvider page = new SimpleBundleProvider(entries);
        page.setSize(sorted.size());
        // A count alone is one answer, not the first of many empty pages: it gets no page links.
        if (count > 0) {
            page.setCurrentPageOffset(from);
            page.setCurrentPageSize(count);
        }
        return page;
    }

    /** The resource's type and id without version: one entry a resource in a Bundle. */
    static String key(IBaseResource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    private static List<IBaseResource> sorted(RequestDetails request, List<? extends IBaseResource> matches) {
        List<IBaseResource> sorted = new ArrayList<>(matches);
        String sort = first(request, "_sort");
        if (sort != null && SearchPolicy.SORTS.contains(sort)) {
            Comparator<IBaseResource> byUpdate = Comparator.comparing(
                    resource -> resource.getMeta().getLastUpdated(),
                    Comparator.nullsFirst(Comparator.<Date>naturalOrder()));
            sorted.sort(sort.startsWith("-") ? byUpdate.reversed() : byUpdate);
        }
        return sorted;
    }

    private static int number(RequestDetails request, String name, int otherwise) {
        String value = first(request, name);
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // Refused below, as SearchPolicy refuses it before a search runs.
        }
        throw Outcomes.invalid(Outcomes.INVALID_SEARCH, name + " is a whole number, 0 or more");
    }

    private static String first(RequestDetails request, String name) {
        String[] values = request.getParameters().get(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
