/** What every module shares: typed ids, the clock, refused-start errors, owner-only secret files and the log redactor; nothing else. */
package org.ecarehub.shared;
