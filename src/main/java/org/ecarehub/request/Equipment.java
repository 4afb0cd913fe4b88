package org.ecarehub.request;

import java.util.Arrays;
import java.util.Optional;

/** The catalogue of aids and adaptations that can be requested, each with a code and a plain name. */
public enum Equipment {
    GRAB_RAIL("grab-rail", "Grab rail"),
    STAIR_RAIL("stair-rail", "Stair rail"),
    BATH_BOARD("bath-board", "Bath board"),
    SHOWER_SEAT("shower-seat", "Shower seat"),
    RAISED_TOILET_SEAT("raised-toilet-seat", "Raised toilet seat"),
    HOIST("hoist", "Hoist"),
    RAMP("ramp", "Ramp"),
    STAIR_LIFT("stair-lift", "Stair lift"),
    WET_FLOOR_SHOWER("wet-floor-shower", "Wet-floor shower"),
    COMMUNITY_ALARM("community-alarm", "Community alarm");

    private final String code;
    private final String plainName;

    Equipment(String code, String plainName) {
        this.code = code;
        this.plainName = plainName;
    }

    public String code() {
        return code;
    }

    public String plainName() {
        return plainName;
    }

    public static Optional<Equipment> fromCode(String code) {
        return Arrays.stream(values()).filter(item -> item.code.equals(code)).findFirst();
    }
}
