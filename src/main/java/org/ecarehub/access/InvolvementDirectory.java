package org.ecarehub.access;

import java.util.List;
import java.util.Optional;
import org.ecarehub.consent.AuthorityId;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.ConsentId;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.shared.PersonId;

/**
 * Who is involved with a person, who may act for them and what they agreed to share, read through the access
 * decision: each relationship, authority and consent is an item of the person's record, decided and logged like any
 * other, and only the allowed ones are returned. Decision 0017 says which category and agency each belongs to.
 *
 * <p>Every answer is logged before it returns: the decisions about the person when they have any such items, else one
 * entry without a person, so that an unknown person and one with nothing the requester may see cannot be told apart.
 *
 * @see PersonDirectory
 */
public interface InvolvementDirectory {

    /**
     * The person's relationships (care team, key workers, caseloads) the requester may see, active and ended.
     *
     * @throws AccessRefused when the requester may not read contacts at all (rules 1 to 3)
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the decisions; nothing is returned
     */
    List<Relationship> relationships(Requester requester, PersonId person);

    /** One of the person's relationships, when it is theirs and the requester may see it. */
    Optional<Relationship> relationship(Requester requester, PersonId person, RelationshipId id);

    /**
     * The authorities and nominations over the person (their representatives) the requester may see, in force or not.
     *
     * @throws AccessRefused when the requester may not read contacts at all (rules 1 to 3)
     */
    List<RepresentativeAuthority> authorities(Requester requester, PersonId person);

    /** One authority over the person, when it is over them and the requester may see it. */
    Optional<RepresentativeAuthority> authority(Requester requester, PersonId person, AuthorityId id);

    /**
     * The person's consent decisions the requester may see, oldest first. A consent about named categories is shown
     * with only the categories the requester may read, and not at all when they may read none of them; a consent
     * about every category (no categories named) is shown whole.
     */
    List<Consent> consents(Requester requester, PersonId person);

    /**
     * The person's relationships as {@link #relationships} shows them, each decided for export (POLICY.md's action
     * {@code export}, for a subject access request) and logged.
     *
     * @throws AccessRefused when the requester may not export contacts at all (rules 1 to 3)
     */
    List<Relationship> exportRelationships(Requester requester, PersonId person);

    /** The person's consent decisions as {@link #consents} shows them, each decided for export and logged. */
    List<Consent> exportConsents(Requester requester, PersonId person);

    /** One of the person's consent decisions, narrowed as {@link #consents} narrows them. */
    Optional<Consent> consent(Requester requester, PersonId person, ConsentId id);
}
