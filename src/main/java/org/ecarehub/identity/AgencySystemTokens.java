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

    /** The scopes a system may ask for (SMART v2 {@code system/...rs}); each grants reading and searching. */
    List<String> scopes();
}
