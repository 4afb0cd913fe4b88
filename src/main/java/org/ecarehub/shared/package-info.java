/** What every module shares: typed ids, the clock, refused-start errors, owner-only secret files, the log redactor and batch inserts; nothing else. */
package org.ecarehub.shared;
