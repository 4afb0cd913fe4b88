/** The person index's storage, online matching, review queue and file imports; reached only through the API. */
package org.ecarehub.person.internal;
