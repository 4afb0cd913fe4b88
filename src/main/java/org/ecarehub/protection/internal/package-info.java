/** The protection register's tables, its journal in the transparency log and the CP-IS listener. */
package org.ecarehub.protection.internal;
