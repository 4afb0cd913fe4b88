/** What hears of activity, keeps it until it is told, and sends the emails within the rate limit. */
package org.ecarehub.notification.internal;
