/** What every module shares: typed ids, the clock, refused-start errors and the log redactor; nothing else. */
package org.ecarehub.shared;
