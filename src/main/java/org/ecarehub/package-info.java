/** eCare Hub: information sharing for a health and social care partnership. */
package org.ecarehub;
