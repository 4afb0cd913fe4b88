/**
 * The protection register's and protection messages' tables, their journals in the transparency log, the CP-IS
 * listener and the escalation sweep; reached through the module's facades only.
 */
package org.ecarehub.protection.internal;
