/** The consent module's storage, transparency-log journal and the cache that every node keeps fresh. */
package org.ecarehub.consent.internal;
