package org.ecarehub.web;

import java.util.Objects;
import org.ecarehub.access.PersonView;
import org.ecarehub.person.Address;
import org.ecarehub.person.Demographics;

/**
 * A person as a results list or a page heading shows them, from the records the decision let the user see: the first
 * record that holds each detail gives it.
 */
public record PersonSummary(String id, String name, String dateOfBirth, String address, String postcode) {

    static PersonSummary of(PersonView view) {
        String given = first(view, Demographics::givenName);
        String family = first(view, Demographics::familyName);
        String name = (Objects.toString(given, "") + " " + Objects.toString(family, "")).strip();
        String born = view.records().stream()
                .map(shown -> shown.demographics().dateOfBirth())
                .filter(Objects::nonNull)
                .findFirst()
                .map(Dates::day)
                .orElse("Not known");
        Address address = view.records().stream()
                .flatMap(shown -> shown.demographics().currentAddress().stream())
                .findFirst()
                .orElse(null);
        return new PersonSummary(
                view.id().value(),
                name.isEmpty() ? "Name not known" : name,
                born,
                address == null ? "" : Objects.toString(address.text(), ""),
                address == null ? "" : Objects.toString(address.postcode(), ""));
    }

    private static String first(PersonView view, java.util.function.Function<Demographics, String> detail) {
        return view.records().stream()
                .map(shown -> detail.apply(shown.demographics()))
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .orElse(null);
    }

    @Override
    public String toString() {
        return "PersonSummary[" + id + "]";
    }
}
