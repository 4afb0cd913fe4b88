package org.ecarehub.fhir.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.ecarehub.person.Address;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.Sex;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * The details a Patient sent by a client states, as the person index reads an agency's record: the reverse of {@link
 * PatientResources}. The first official name (else the first name) gives the names, the first current home address the
 * address, the first phone the phone, and an identifier of the CHI system the CHI number, kept as sent even when
 * invalid (a mistyped CHI is evidence).
 */
final class PatientDetails {

    private PatientDetails() {}

    static Demographics demographics(Patient patient) {
        HumanName name = patient.getName().stream()
                .filter(candidate -> candidate.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst()
                .orElse(patient.getName().isEmpty() ? null : patient.getNameFirstRep());
        String given = null;
        String otherGiven = null;
        String family = null;
        if (name != null) {
            List<String> givens = name.getGiven().stream()
                    .map(StringType::getValue)
                    .filter(value -> value != null && !value.isBlank())
                    .map(String::strip)
                    .toList();
            given = givens.isEmpty() ? null : givens.get(0);
            otherGiven = givens.size() < 2 ? null : givens.stream().skip(1).collect(Collectors.joining(" "));
            family = blankToNull(name.getFamily());
        }
        LocalDate born = null;
        if (patient.hasBirthDate()) {
            // A year or a month is not a date of birth the index can match on; it would guess the rest.
            if (patient.getBirthDateElement().getPrecision() != ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
                throw Parsing.invalid("birthDate is one day, as yyyy-mm-dd");
            }
            born = Parsing.day(patient.getBirthDateElement().getValueAsString());
        }
        List<Address> addresses = new ArrayList<>();
        patient.getAddress().stream()
                .filter(address ->
                        address.getUse() == null || address.getUse() == org.hl7.fhir.r4.model.Address.AddressUse.HOME)
                .filter(address -> !address.hasPeriod() || !address.getPeriod().hasEnd())
                .findFirst()
                .ifPresent(address ->
                        addresses.add(Address.current(addressText(address), blankToNull(address.getPostalCode()))));
        String phone = patient.getTelecom().stream()
                .filter(point -> point.getSystem() == ContactPoint.ContactPointSystem.PHONE)
                .map(point -> blankToNull(point.getValue()))
                .filter(value -> value != null)
                .findFirst()
                .orElse(null);
        ChiNumber chi = patient.getIdentifier().stream()
                .filter(identifier -> PatientResources.CHI_SYSTEM.equals(identifier.getSystem()))
                .map(Identifier::getValue)
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .map(value -> ChiNumber.of(value.strip()))
                .orElse(null);
        try {
            return new Demographics(given, otherGiven, family, List.of(), born, sex(patient), addresses, phone, chi);
        } catch (IllegalArgumentException unreadable) {
            throw Parsing.invalid("the Patient's details cannot be read as an agency's record");
        }
    }

    private static Sex sex(Patient patient) {
        if (!patient.hasGender()) {
            return null;
        }
        return switch (patient.getGender()) {
            case FEMALE -> Sex.FEMALE;
            case MALE -> Sex.MALE;
            // The index knows female, male and recorded-as-unknown; other is not a value it can match on.
            default -> Sex.UNKNOWN;
        };
    }

    private static String addressText(org.hl7.fhir.r4.model.Address address) {
        if (address.hasText()) {
            return blankToNull(address.getText());
        }
        List<String> parts = new ArrayList<>();
        address.getLine().forEach(line -> parts.add(line.getValue()));
        if (address.hasCity()) {
            parts.add(address.getCity());
        }
        return blankToNull(
                parts.stream().filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(", ")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
