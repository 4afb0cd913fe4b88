/** Service requests between agencies, for homecare and for aids and adaptations, and the workflow that meets them. */
package org.ecarehub.request;
