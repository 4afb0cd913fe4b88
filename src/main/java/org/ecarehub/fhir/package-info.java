/** The FHIR R4 interface at {@code /fhir}: an adapter that serves the modules' public APIs as FHIR resources. */
package org.ecarehub.fhir;
