/** Demographic matching in plain Java: normalisation, comparisons and scoring, with no Spring inside. */
package org.ecarehub.person.matching;
