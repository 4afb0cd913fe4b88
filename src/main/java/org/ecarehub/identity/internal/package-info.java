/** Sign-in, tokens and their storage. */
package org.ecarehub.identity.internal;
