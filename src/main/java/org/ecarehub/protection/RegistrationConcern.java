package org.ecarehub.protection;

import java.util.Arrays;
import java.util.Optional;

/**
 * A concern recorded at registration, as Scotland's child protection statistics name the concerns identified at a
 * child protection planning meeting (decision 0028).
 */
public enum RegistrationConcern {
    NEGLECT("neglect"),
    PHYSICAL_ABUSE("physical-abuse"),
    EMOTIONAL_ABUSE("emotional-abuse"),
    SEXUAL_ABUSE("sexual-abuse"),
    CHILD_SEXUAL_EXPLOITATION("child-sexual-exploitation"),
    DOMESTIC_ABUSE("domestic-abuse"),
    PARENTAL_ALCOHOL_USE("parental-alcohol-use"),
    PARENTAL_DRUG_USE("parental-drug-use"),
    PARENTAL_MENTAL_HEALTH("parental-mental-health"),
    NON_ENGAGING_FAMILY("non-engaging-family"),
    CHILD_PLACING_THEMSELVES_AT_RISK("child-placing-themselves-at-risk"),
    ONLINE_HARM("online-harm"),
    TRAFFICKING("trafficking"),
    FEMALE_GENITAL_MUTILATION("female-genital-mutilation"),
    HONOUR_BASED_ABUSE("honour-based-abuse"),
    OTHER("other");

    private final String code;

    RegistrationConcern(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<RegistrationConcern> fromCode(String code) {
        return Arrays.stream(values())
                .filter(concern -> concern.code.equals(code))
                .findFirst();
    }
}
