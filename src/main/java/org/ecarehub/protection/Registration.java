package org.ecarehub.protection;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * A registration on the child protection register as it stands, with every step that made it so.
 *
 * @param child the registered child, or null while an unborn child is registered on the mother's record
 * @param mother the mother of a child registered before birth, or null
 * @param expectedBirth the expected date of birth of a child registered before birth, or null
 * @param owner the local authority's social work agency that keeps the registration
 * @param flag the child protection alert this registration keeps on the record (the child's, or the mother's before
 *     the birth)
 */
public record Registration(
        RegistrationId id,
        PersonId child,
        PersonId mother,
        LocalDate expectedBirth,
        AgencyId owner,
        RegistrationStatus status,
        LocalDate registeredOn,
        Set<RegistrationConcern> concerns,
        Username leadSocialWorker,
        TeamId team,
        LocalDate nextReview,
        LocalDate deregisteredOn,
        RecordItemId flag,
        int version,
        List<RegistrationStep> history) {

    public Registration {
        concerns = Set.copyOf(concerns);
        history = List.copyOf(history);
    }

    /** The person whose record carries the registration: the child, or the mother until the birth is linked. */
    public PersonId subject() {
        return child != null ? child : mother;
    }

    public boolean active() {
        return status == RegistrationStatus.REGISTERED;
    }

    public boolean unborn() {
        return child == null;
    }

    public Optional<LocalDate> deregistered() {
        return Optional.ofNullable(deregisteredOn);
    }
}
