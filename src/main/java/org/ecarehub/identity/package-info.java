/** Who is calling: staff sign-in, the embedded token issuer, an external OpenID Connect issuer. */
package org.ecarehub.identity;
