package org.ecarehub.fhir.internal;

import java.util.List;

/**
 * A part of the FHIR server beyond the resource providers {@link FhirConfiguration} builds: interceptors (request
 * limits, validation, search policy) and plain providers (operations across types, batch). Each is a bean of this
 * package; the server registers every one it finds, interceptors by {@link #order()}, so that a part is added without
 * touching the others.
 */
interface FhirExtension {

    /** Lower first: the order in which this extension's interceptors are registered among all extensions'. */
    default int order() {
        return 0;
    }

    /** HAPI interceptors: objects with {@code @Hook} methods. */
    default List<Object> interceptors() {
        return List.of();
    }

    /** HAPI plain providers: objects with {@code @Operation}, {@code @Transaction} or similar methods. */
    default List<Object> plainProviders() {
        return List.of();
    }

    /** Resource providers for types no other provider serves. */
    default List<ca.uhn.fhir.rest.server.IResourceProvider> resourceProviders() {
        return List.of();
    }
}
