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
     * @param scopes the SMART scopes its token grants, such as {@code system/Patient.rs}; an operator's token from
     *     {@code ./ecare token --agency} grants {@code system/*.rs}
     */
    record AgencySystem(AgencySystemCaller system, StaffCaller onBehalfOf, Purpose purpose, List<String> scopes)
            implements ApiCaller {

        public AgencySystem {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(purpose, "purpose");
            scopes = List.copyOf(scopes);
        }

        /** Whether a scope lets the system read and search resources of this type (SMART v1 read or v2 r and s). */
        public boolean mayRead(String resourceType) {
            return scopes.stream().anyMatch(scope -> {
                int slash = scope.indexOf('/');
                int dot = scope.lastIndexOf('.');
                if (!scope.startsWith("system/") || dot < slash) {
                    return false;
                }
                String type = scope.substring(slash + 1, dot);
                String access = scope.substring(dot + 1);
                return (type.equals("*") || type.equals(resourceType))
                        && (access.equals("read")
                                || access.equals("*")
                                || access.contains("r") && access.contains("s"));
            });
        }

        public Optional<StaffCaller> actingFor() {
            return Optional.ofNullable(onBehalfOf);
        }
    }
}
