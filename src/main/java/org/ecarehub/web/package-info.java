/** The practitioner pages and, later, the person's portal. */
package org.ecarehub.web;
