/** Reliable delivery of notifications to agencies' systems, agencies' in-hub inboxes and people's email. */
package org.ecarehub.messaging;
