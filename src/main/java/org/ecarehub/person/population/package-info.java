/**
 * Synthetic people of South Lanarkshire and Glasgow held by several agencies, with the errors real client indexes
 * have, for the demo and for accuracy benchmarks of record linkage; plain Java, no Spring (the annotation below only
 * lets the demo module use the package).
 */
@org.springframework.modulith.NamedInterface("population")
package org.ecarehub.person.population;
