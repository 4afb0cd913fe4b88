/** How protection messages are stored, routed, logged and escalated; reached through the module's facades only. */
package org.ecarehub.protection.internal;
