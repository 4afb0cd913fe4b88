/** What every module shares: typed ids, the clock, refused-start errors, owner-only secret files, the log redactor, batch inserts and turns at the processors for requests; nothing else. */
package org.ecarehub.shared;
