package org.ecarehub.demo;

import java.time.LocalDate;
import java.util.List;
import org.ecarehub.person.Address;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.Sex;

/**
 * The people of DEMO.md's stories, as each agency that knows them holds them: agencies spell and keep details their
 * own way (a nickname at the homecare provider, a shortened street, no CHI outside health), as real records do, and
 * the index links them by matching. Every number, address and telephone number is invented; CHI numbers follow the
 * rules (date of birth, sex digit, check digit), telephone numbers are from Ofcom's ranges for drama.
 */
final class DemoPeople {

    private DemoPeople() {}

    /** One story person and their records at the agencies that know them. */
    record StoryPerson(String name, List<AgencyRecord> records) {}

    static final String AGNES_CHI = "1403412103";
    static final String DAVID_CHI = "2207683311";
    static final String FIONA_CHI = "0511714726";
    static final String LISA_CHI = "3009965206";
    static final String RYAN_CHI = "0206191812";
    static final String ELLIE_CHI = "2001226403";

    static final String BURNBANK = "12 Burnbank Road, Hamilton";
    static final String CALDER = "7 Calder Street, Blantyre";

    static List<StoryPerson> all() {
        return List.of(
                new StoryPerson(
                        "Agnes Thomson",
                        List.of(
                                record(
                                        "nhs-lanarkshire",
                                        "LN0418822",
                                        AGNES_CHI,
                                        "Agnes",
                                        "Margaret",
                                        "Thomson",
                                        "1941-03-14",
                                        Sex.FEMALE,
                                        BURNBANK,
                                        "ML3 9AA",
                                        "01632 960214"),
                                record(
                                        "hamilton-medical-practice",
                                        "HMP-004211",
                                        AGNES_CHI,
                                        "Agnes",
                                        "Margaret",
                                        "Thomson",
                                        "1941-03-14",
                                        Sex.FEMALE,
                                        BURNBANK,
                                        "ML3 9AA",
                                        "01632 960214"),
                                record(
                                        "slc-social-work",
                                        "SW0041177",
                                        null,
                                        "Agnes",
                                        null,
                                        "Thomson",
                                        "1941-03-14",
                                        Sex.FEMALE,
                                        "12 Burnbank Rd, Hamilton",
                                        "ML3 9AA",
                                        "01632 960214"),
                                record(
                                        "caring-hands",
                                        "CH-0917",
                                        null,
                                        "Nessie",
                                        null,
                                        "Thomson",
                                        "1941-03-14",
                                        Sex.FEMALE,
                                        BURNBANK,
                                        "ML3 9AA",
                                        null),
                                record(
                                        "slc-housing",
                                        "T/HM/10231",
                                        null,
                                        "Agnes",
                                        null,
                                        "Thomson",
                                        "1941-03-14",
                                        Sex.FEMALE,
                                        BURNBANK,
                                        "ML3 9AA",
                                        null))),
                new StoryPerson(
                        "David Thomson",
                        List.of(
                                record(
                                        "hamilton-medical-practice",
                                        "HMP-002967",
                                        DAVID_CHI,
                                        "David",
                                        "James",
                                        "Thomson",
                                        "1968-07-22",
                                        Sex.MALE,
                                        "41 Silvertonhill Avenue, Hamilton",
                                        "ML3 7NP",
                                        "07700 900382"),
                                record(
                                        "slc-social-work",
                                        "SW0041178",
                                        null,
                                        "David",
                                        null,
                                        "Thomson",
                                        "1968-07-22",
                                        Sex.MALE,
                                        "41 Silvertonhill Ave, Hamilton",
                                        "ML3 7NP",
                                        "07700 900382"))),
                new StoryPerson(
                        "Fiona Thomson",
                        List.of(
                                record(
                                        "nhs-lanarkshire",
                                        "LN0527140",
                                        FIONA_CHI,
                                        "Fiona",
                                        "Agnes",
                                        "Thomson",
                                        "1971-11-05",
                                        Sex.FEMALE,
                                        "9 Kirkton Crescent, East Kilbride",
                                        "G74 3QT",
                                        "07700 900517"),
                                record(
                                        "slc-social-work",
                                        "SW0041179",
                                        null,
                                        "Fiona",
                                        null,
                                        "Thomson",
                                        "1971-11-05",
                                        Sex.FEMALE,
                                        "9 Kirkton Crescent, East Kilbride",
                                        "G74 3QT",
                                        "07700 900517"))),
                new StoryPerson(
                        "Lisa Kerr",
                        List.of(
                                record(
                                        "nhs-lanarkshire",
                                        "LN0733561",
                                        LISA_CHI,
                                        "Lisa",
                                        null,
                                        "Kerr",
                                        "1996-09-30",
                                        Sex.FEMALE,
                                        CALDER,
                                        "G72 0AB",
                                        "07700 900461"),
                                record(
                                        "slc-social-work",
                                        "SW0058802",
                                        null,
                                        "Lisa",
                                        null,
                                        "Kerr",
                                        "1996-09-30",
                                        Sex.FEMALE,
                                        CALDER,
                                        "G72 0AB",
                                        "07700 900461"),
                                record(
                                        "slc-housing",
                                        "T/BL/20877",
                                        null,
                                        "Lisa",
                                        null,
                                        "Kerr",
                                        "1996-09-30",
                                        Sex.FEMALE,
                                        "7 Calder St, Blantyre",
                                        "G72 0AB",
                                        null))),
                new StoryPerson(
                        "Ryan Kerr",
                        List.of(
                                record(
                                        "nhs-lanarkshire",
                                        "LN0901244",
                                        RYAN_CHI,
                                        "Ryan",
                                        null,
                                        "Kerr",
                                        "2019-06-02",
                                        Sex.MALE,
                                        CALDER,
                                        "G72 0AB",
                                        null),
                                record(
                                        "slc-education",
                                        "SCN-190602417",
                                        null,
                                        "Ryan",
                                        null,
                                        "Kerr",
                                        "2019-06-02",
                                        Sex.MALE,
                                        CALDER,
                                        "G72 0AB",
                                        null),
                                record(
                                        "slc-social-work",
                                        "SW0058803",
                                        null,
                                        "Ryan",
                                        null,
                                        "Kerr",
                                        "2019-06-02",
                                        Sex.MALE,
                                        CALDER,
                                        "G72 0AB",
                                        null))),
                new StoryPerson(
                        "Ellie Kerr",
                        List.of(
                                record(
                                        "nhs-lanarkshire",
                                        "LN0955018",
                                        ELLIE_CHI,
                                        "Ellie",
                                        null,
                                        "Kerr",
                                        "2022-01-20",
                                        Sex.FEMALE,
                                        CALDER,
                                        "G72 0AB",
                                        null),
                                record(
                                        "slc-social-work",
                                        "SW0058804",
                                        null,
                                        "Ellie",
                                        null,
                                        "Kerr",
                                        "2022-01-20",
                                        Sex.FEMALE,
                                        CALDER,
                                        "G72 0AB",
                                        null))),
                new StoryPerson(
                        "Mark Boyle",
                        List.of(record(
                                "police-scotland",
                                "PS-2024-0081937",
                                null,
                                "Mark",
                                null,
                                "Boyle",
                                "1990-04-11",
                                Sex.MALE,
                                "Flat 2/1, 31 Glasgow Road, Blantyre",
                                "G72 0JS",
                                "07700 900688"))));
    }

    private static AgencyRecord record(
            String agency,
            String localId,
            String chi,
            String given,
            String otherGiven,
            String family,
            String born,
            Sex sex,
            String address,
            String postcode,
            String phone) {
        return new AgencyRecord(
                AgencyRecordId.of(agency, localId),
                new Demographics(
                        given,
                        otherGiven,
                        family,
                        List.of(),
                        LocalDate.parse(born),
                        sex,
                        List.of(Address.current(address, postcode)),
                        phone,
                        chi == null ? null : ChiNumber.of(chi)));
    }
}
