package org.ecarehub.access.internal;

import java.util.Locale;
import org.ecarehub.access.PersonQuery;
import org.ecarehub.person.Address;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;

/**
 * Whether one agency record matches a search by itself, as the person index matches records ({@link
 * org.ecarehub.person.PersonSearch}). A search shows a person only when a record the requester may see matches: a
 * match on a record they may not see would confirm to them a detail, such as a CHI number, that only it holds.
 */
final class VisibleMatch {

    private VisibleMatch() {}

    static boolean matches(PersonQuery query, AgencyRecordId id, Demographics demographics) {
        if (query.personId() != null) {
            // The id names the person, not a record: any record the requester may see shows them.
            return true;
        }
        if (query.identifier() != null) {
            boolean identified = query.identifierAgency() == null
                    ? demographics.chi() != null
                            && demographics
                                    .chi()
                                    .text()
                                    .equals(query.identifier().strip())
                    : id.agency().value().equals(query.identifierAgency())
                            && id.localId().equals(query.identifier());
            if (!identified) {
                return false;
            }
        }
        if (query.birthDate() != null && !query.birthDate().equals(demographics.dateOfBirth())) {
            return false;
        }
        if (query.family() != null
                && !startsWith(demographics.familyName(), query.family())
                && demographics.previousFamilyNames().stream().noneMatch(name -> startsWith(name, query.family()))) {
            return false;
        }
        if (query.given() != null
                && !startsWith(demographics.givenName(), query.given())
                && !startsWith(demographics.otherGivenNames(), query.given())) {
            return false;
        }
        if (query.name() != null
                && !startsWith(demographics.givenName(), query.name())
                && !startsWith(demographics.otherGivenNames(), query.name())
                && !startsWith(demographics.familyName(), query.name())
                && demographics.previousFamilyNames().stream().noneMatch(name -> startsWith(name, query.name()))) {
            return false;
        }
        if (query.postcode() != null) {
            String wanted = postcode(query.postcode());
            return demographics.addresses().stream()
                    .filter(Address::isCurrent)
                    .anyMatch(address -> address.postcode() != null
                            && postcode(address.postcode()).equals(wanted));
        }
        return true;
    }

    private static boolean startsWith(String text, String prefix) {
        return text != null
                && text.toLowerCase(Locale.ROOT).startsWith(prefix.strip().toLowerCase(Locale.ROOT));
    }

    private static String postcode(String postcode) {
        return postcode.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
