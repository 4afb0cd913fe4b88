/**
 * The partnership: its agencies, teams, roles, staff accounts and sharing agreements, read and checked from the
 * partnership file.
 */
package org.ecarehub.partnership;
