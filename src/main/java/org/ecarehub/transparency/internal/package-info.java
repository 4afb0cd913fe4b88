/** Storage, sequencing and signing of the transparency log; nothing here is reachable from other modules. */
package org.ecarehub.transparency.internal;
