/** Storage of partnership versions and the configuration in force. */
package org.ecarehub.partnership.internal;
