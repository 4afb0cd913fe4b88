/** The stored service requests, their lifecycle steps and the journal that logs and publishes every change. */
package org.ecarehub.request.internal;
