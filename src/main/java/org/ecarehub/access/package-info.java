/**
 * The access decision of POLICY.md: one policy, a list of named rules evaluated in order, deciding every read,
 * change, disclosure and export of personal information, with the rules that decided it and the lawful basis.
 */
package org.ecarehub.access;
