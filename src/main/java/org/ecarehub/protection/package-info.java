/**
 * Child and adult protection: the child protection register and its flag, CP-IS notices of unscheduled-care
 * attendances, and protection messages that link children and adults to a concern, acknowledged and escalated.
 */
package org.ecarehub.protection;
