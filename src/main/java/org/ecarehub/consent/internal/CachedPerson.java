package org.ecarehub.consent.internal;

import java.util.List;
import org.ecarehub.consent.CapacityAssessment;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.KeptFromParents;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Withholding;

/** Everything the module holds about one person, as the cache keeps it between changes. */
record CachedPerson(
        List<Consent> consents,
        List<CapacityAssessment> assessments,
        List<RepresentativeAuthority> authorities,
        List<KeptFromParents> keptFromParents,
        List<Withholding> withholdings) {

    CachedPerson {
        consents = List.copyOf(consents);
        assessments = List.copyOf(assessments);
        authorities = List.copyOf(authorities);
        keptFromParents = List.copyOf(keptFromParents);
        withholdings = List.copyOf(withholdings);
    }
}
