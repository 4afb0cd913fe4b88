/**
 * Demographic matching in plain Java: normalisation, comparisons, blocking, Fellegi-Sunter scoring and clustering,
 * with no Spring inside (the annotation below only tells the module's other users this package is theirs to use).
 */
@org.springframework.modulith.NamedInterface("matching")
package org.ecarehub.person.matching;
