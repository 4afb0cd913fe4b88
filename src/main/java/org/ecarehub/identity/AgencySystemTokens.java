package org.ecarehub.identity;

import java.util.List;

/** Where and how agency systems get tokens with SMART Backend Services client credentials. */
public interface AgencySystemTokens {

    /** The token endpoint's absolute URL: the audience a client assertion must name. */
    String tokenEndpoint();

    /** The JWS algorithms a client assertion may be signed with. */
    default List<String> signingAlgorithms() {
        return List.of("RS384", "ES384");
    }

    /**
     * The widest scope a system may ask for on each resource type served, in SMART v2's form ({@code system/Flag.crus}),
     * and {@code system/*.rs}; a narrower one (fewer letters, or v1 {@code read}/{@code write}) is granted too.
     */
    List<String> scopes();
}
