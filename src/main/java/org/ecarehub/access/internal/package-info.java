/** Storage of relationships, break-glass grants and Caldicott reviews, and the caches that every decision reads. */
package org.ecarehub.access.internal;
