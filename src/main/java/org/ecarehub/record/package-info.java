/**
 * The shared record: each person's alerts, Single Shared Assessments, care plans, service provision and documents, kept
 * as versioned items and read and written only through the access decision.
 */
package org.ecarehub.record;
