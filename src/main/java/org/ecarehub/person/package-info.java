/** The person index: one person across every agency's records, and the identifiers agencies know them by. */
package org.ecarehub.person;
