/**
 * Synthetic people of South Lanarkshire and Glasgow held by several agencies, with the errors real client indexes
 * have, for the demo and for accuracy benchmarks of record linkage; plain Java, no Spring.
 */
package org.ecarehub.person.population;
