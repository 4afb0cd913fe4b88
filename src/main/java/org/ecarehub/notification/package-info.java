/** Tells people and their representatives, by email and by their choice, that there is new activity on a record. */
package org.ecarehub.notification;
