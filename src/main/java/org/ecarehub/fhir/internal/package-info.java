/** The HAPI FHIR plain server, its resource providers and the interceptors that guard every request. */
package org.ecarehub.fhir.internal;
