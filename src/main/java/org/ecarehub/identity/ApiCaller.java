package org.ecarehub.identity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ecarehub.partnership.Purpose;

/**
 * A caller of the API with a bearer token, as the partnership in force describes it now, with the purpose of use this
 * request states, already checked against the roles that must allow it.
 */
public sealed interface ApiCaller {

    Purpose purpose();

    /** A member of staff with their own token. */
    record Staff(StaffCaller caller) implements ApiCaller {

        public Staff {
            Objects.requireNonNull(caller, "caller");
        }

        @Override
        public Purpose purpose() {
            return caller.purpose();
        }
    }

    /**
     * An agency's own system; {@code onBehalfOf} is the active staff account of the same agency it acts for, or null
     * when it acts on its own.
     *
     * @param scopes the SMART scopes its token grants, such as {@code system/Patient.rs} ({@link SystemScope}); an
     *     operator's token from {@code ./ecare token --agency} grants {@code system/*.rs}
     */
    record AgencySystem(AgencySystemCaller system, StaffCaller onBehalfOf, Purpose purpose, List<String> scopes)
            implements ApiCaller {

        public AgencySystem {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(purpose, "purpose");
            scopes = List.copyOf(scopes);
        }

        /** Whether a scope lets the system read resources of this type by id (SMART v2 {@code r}, v1 {@code read}). */
        public boolean mayRead(String resourceType) {
            return grants(resourceType, 'r');
        }

        /** Whether a scope lets the system search resources of this type (SMART v2 {@code s}, v1 {@code read}). */
        public boolean maySearch(String resourceType) {
            return grants(resourceType, 's');
        }

        /** Whether a scope lets the system create resources of this type (SMART v2 {@code c}, v1 {@code write}). */
        public boolean mayCreate(String resourceType) {
            return grants(resourceType, 'c');
        }

        /** Whether a scope lets the system update resources of this type (SMART v2 {@code u}, v1 {@code write}). */
        public boolean mayUpdate(String resourceType) {
            return grants(resourceType, 'u');
        }

        private boolean grants(String resourceType, char letter) {
            return scopes.stream()
                    .map(SystemScope::parse)
                    .flatMap(Optional::stream)
                    .anyMatch(scope -> scope.grants(resourceType, letter));
        }

        public Optional<StaffCaller> actingFor() {
            return Optional.ofNullable(onBehalfOf);
        }
    }
}
