package org.ecarehub.person;

import java.util.Objects;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.LogRedactor;

/**
 * An agency's record of a person, by the agency and the agency's own id for it (a CHI number, a client number, a
 * Scottish Candidate Number, a police reference): unique within the agency.
 *
 * <p>{@link #toString()} masks the local id: with the agency it identifies a person.
 */
public record AgencyRecordId(AgencyId agency, String localId) {

    public static final int MAX_LOCAL_ID = 500;

    public AgencyRecordId {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(localId, "local id");
        if (localId.isBlank()
                || localId.length() > MAX_LOCAL_ID
                || !localId.strip().equals(localId)) {
            throw new IllegalArgumentException(
                    "a local id has 1 to " + MAX_LOCAL_ID + " characters and no spaces around it");
        }
    }

    public static AgencyRecordId of(String agency, String localId) {
        return new AgencyRecordId(AgencyId.of(agency), localId);
    }

    @Override
    public String toString() {
        return "AgencyRecordId[" + agency + ", " + LogRedactor.MASK + "]";
    }
}
