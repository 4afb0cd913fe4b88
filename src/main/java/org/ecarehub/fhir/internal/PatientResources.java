package org.ecarehub.fhir.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.ecarehub.access.PersonView;
import org.ecarehub.person.Address;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.Sex;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * A person as one caller may see them, as a FHIR Patient: the identifiers and details of the records in the view, and
 * nothing else; its version is the view's, so that it counts only changes to records the caller sees. Where the records disagree on a single-valued field (sex, date of birth), the value most records hold
 * is shown, the earlier record winning a tie.
 */
final class PatientResources {

    static final String CHI_SYSTEM = "https://fhir.scot.nhs.uk/Id/chi";
    static final String AGENCY_ID_PREFIX = "urn:ecare:agency:";

    private PatientResources() {}

    static Patient patient(PersonView view) {
        Patient patient = new Patient();
        String version = String.valueOf(view.version());
        patient.setId(new IdType("Patient", view.id().value(), version));
        patient.getMeta().setVersionId(version);
        if (view.lastUpdated() != null) {
            patient.getMeta().setLastUpdated(Date.from(view.lastUpdated()));
        }
        Set<String> chis = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> addresses = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        for (PersonView.Shown shown : view.records()) {
            String agency = shown.id().agency().value();
            patient.addIdentifier(new Identifier()
                    .setUse(Identifier.IdentifierUse.SECONDARY)
                    .setSystem(AGENCY_ID_PREFIX + agency)
                    .setValue(shown.id().localId())
                    .setAssigner(new Reference("Organization/" + agency)));
            Demographics demographics = shown.demographics();
            // Only a CHI that passes its checks goes out under the CHI system: a receiver would trust it as one.
            if (demographics.chi() != null
                    && demographics.chi().valid()
                    && chis.add(demographics.chi().text())) {
                patient.addIdentifier(new Identifier()
                        .setUse(Identifier.IdentifierUse.OFFICIAL)
                        .setSystem(CHI_SYSTEM)
                        .setValue(demographics.chi().text()));
            }
            HumanName name = name(demographics);
            if (name != null && names.add(name.getNameAsSingleString())) {
                patient.addName(name);
            }
            for (Address address : demographics.addresses()) {
                if (addresses.add(
                        address.text() + "|" + address.postcode() + "|" + address.from() + "|" + address.to())) {
                    patient.addAddress(address(address));
                }
            }
            if (demographics.phone() != null && !demographics.phone().isBlank() && phones.add(demographics.phone())) {
                patient.addTelecom(new ContactPoint()
                        .setSystem(ContactPoint.ContactPointSystem.PHONE)
                        .setValue(demographics.phone()));
            }
        }
        Sex sex = mostHeld(view, Demographics::sex);
        if (sex != null) {
            patient.setGender(
                    switch (sex) {
                        case FEMALE -> AdministrativeGender.FEMALE;
                        case MALE -> AdministrativeGender.MALE;
                        case UNKNOWN -> AdministrativeGender.UNKNOWN;
                    });
        }
        LocalDate born = mostHeld(view, Demographics::dateOfBirth);
        if (born != null) {
            patient.setBirthDate(Date.from(born.atStartOfDay(ZoneOffset.UTC).toInstant()));
            patient.getBirthDateElement().setValueAsString(born.toString());
        }
        return patient;
    }

    private static HumanName name(Demographics demographics) {
        if (demographics.familyName() == null && demographics.givenName() == null) {
            return null;
        }
        HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL);
        if (demographics.familyName() != null) {
            name.setFamily(demographics.familyName());
        }
        if (demographics.givenName() != null) {
            name.addGiven(demographics.givenName());
        }
        if (demographics.otherGivenNames() != null
                && !demographics.otherGivenNames().isBlank()) {
            for (String other : demographics.otherGivenNames().strip().split("\\s+")) {
                name.addGiven(other);
            }
        }
        return name;
    }

    private static org.hl7.fhir.r4.model.Address address(Address address) {
        org.hl7.fhir.r4.model.Address shown =
                new org.hl7.fhir.r4.model.Address().setUse(org.hl7.fhir.r4.model.Address.AddressUse.HOME);
        if (address.text() != null) {
            shown.setText(address.text());
        }
        if (address.postcode() != null) {
            shown.setPostalCode(address.postcode());
        }
        if (address.from() != null || address.to() != null) {
            Period period = new Period();
            if (address.from() != null) {
                period.setStartElement(
                        new org.hl7.fhir.r4.model.DateTimeType(address.from().toString()));
            }
            if (address.to() != null) {
                period.setEndElement(
                        new org.hl7.fhir.r4.model.DateTimeType(address.to().toString()));
            }
            shown.setPeriod(period);
        }
        return shown;
    }

    private static <T> T mostHeld(PersonView view, Function<Demographics, T> field) {
        Map<T, Integer> counts = new LinkedHashMap<>();
        view.records().stream()
                .map(shown -> field.apply(shown.demographics()))
                .filter(Objects::nonNull)
                .forEach(value -> counts.merge(value, 1, Integer::sum));
        T best = null;
        int bestCount = 0;
        for (Map.Entry<T, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return best;
    }
}
